import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/types.js';
import { collect, nextEvent, startHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

describe('the automatic acknowledgement of a first message', () => {
  it('answers at once in the visitor’s language, after the visitor’s own ack, exactly once', async () => {
    h = await startHarness({ env: { PASOKH_AUTO_ACK: 'true' } });
    const agent = await h.agent();
    const { socket: visitor } = await h.visitor();
    const ack = nextEvent<Message>(visitor, 'message:new', (m) => m.author.kind === 'system');
    const first = { clientId: randomUUID(), text: 'سلام، سفارشم نرسیده', context: { locale: 'fa-IR' } };
    const sent = await visitor.timeout(5000).emitWithAck('message:send', first);
    expect(sent).toMatchObject({ ok: true, seq: 1 });
    const system = await ack;
    expect(system.seq).toBe(2);
    expect(system.text).toBe('پیامتان رسید. یکی از همکاران ما به‌زودی پاسخ می‌دهد.');

    // A retried first message and a second message add no second acknowledgement.
    const heard = collect<Message>(visitor, 'message:new');
    await visitor.timeout(5000).emitWithAck('message:send', first);
    await visitor.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'هنوز منتظرم' });
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.filter((m) => m.author.kind === 'system')).toEqual([]);
    if (!sent.ok) return;
    const stored = await h.store.listMessages(sent.conversationId, { afterSeq: 0, includeInternal: true });
    expect(stored.map((m) => m.author.kind)).toEqual(['visitor', 'system', 'visitor']);
    expect(agent.connected).toBe(true);
  });

  it('promises a reply by email when the message was left while nobody was online', async () => {
    // Development without SMTP: outgoing mail goes to .eml files, so email is on.
    h = await startHarness({ env: { PASOKH_AUTO_ACK: 'true', NODE_ENV: 'development' } });
    const { socket: visitor } = await h.visitor();
    const ack = nextEvent<Message>(visitor, 'message:new', (m) => m.author.kind === 'system');
    await visitor
      .timeout(5000)
      .emitWithAck('offline:leave', { clientId: randomUUID(), email: 'sara@example.com', text: 'Call me back please' });
    expect((await ack).text).toBe('Thanks, we got your message. We will reply to sara@example.com as soon as someone is back.');
  });

  it('promises no email when email is off, and says the reply will appear here', async () => {
    h = await startHarness({ env: { PASOKH_AUTO_ACK: 'true', NODE_ENV: 'production' } });
    const { socket: visitor } = await h.visitor();
    const ack = nextEvent<Message>(visitor, 'message:new', (m) => m.author.kind === 'system');
    await visitor
      .timeout(5000)
      .emitWithAck('offline:leave', { clientId: randomUUID(), email: 'sara@example.com', text: 'Call me back please' });
    expect((await ack).text).toBe('Thanks, we got your message. Nobody is online right now; the reply will appear here.');
    const config = (await (await fetch(`${h.url}/api/widget-config?site=default`)).json()) as { email: boolean };
    expect(config.email).toBe(false);
  });

  it('stays silent when the site turned it off', async () => {
    h = await startHarness({ env: { PASOKH_AUTO_ACK: 'false' } });
    const { socket: visitor } = await h.visitor();
    const heard = collect<Message>(visitor, 'message:new');
    await visitor.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'hello' });
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.map((m) => m.author.kind)).toEqual(['visitor']);
  });
});
