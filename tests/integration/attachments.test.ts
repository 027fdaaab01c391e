/** Attachments over HTTP and the relay: upload, refusals, sending, links and their headers. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentLink, AttachmentRef } from '../../protocol/attachments.js';
import type { ConversationSummary, Message } from '../../protocol/types.js';
import { signLink } from '../../server/attachments/links.js';
import { nextEvent, startHarness, type Harness } from './harness.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/attachments');
const PNG = readFileSync(resolve(FIXTURES, 'square.png'));
const PDF = readFileSync(resolve(FIXTURES, 'receipt.pdf'));

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function visitorUpload(harness: Harness, token: string, bytes: Buffer, name: string): Promise<Response> {
  return fetch(`${harness.url}/api/attachments?site=default&name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Blob([new Uint8Array(bytes)]),
  });
}

async function visitorLink(harness: Harness, token: string, id: string): Promise<Response> {
  return fetch(`${harness.url}/api/attachments/${id}/link?site=default`, { headers: { authorization: `Bearer ${token}` } });
}

describe('attachments', () => {
  it('goes from the visitor to the agent as an inline image, and a retried send appears once', async () => {
    h = await startHarness();
    const { socket: visitor, hello } = await h.visitor();
    const agent = await h.agent();
    const uploaded = await visitorUpload(h, hello.token, PNG, 'screen shot.txt');
    expect(uploaded.status).toBe(201);
    const ref = (await uploaded.json()) as AttachmentRef;
    // The type comes from the bytes, not from the name.
    expect(ref).toMatchObject({ name: 'screen shot.txt', mime: 'image/png', size: PNG.length });

    const arrived = nextEvent<Message>(agent, 'message:new');
    const opened = nextEvent<ConversationSummary>(agent, 'conversation:updated');
    const payload = { clientId: 'c0ffee00-0000-4000-8000-000000000001', text: '', attachments: [ref.id] };
    const [first, second] = await Promise.all([
      visitor.emitWithAck('message:send', payload),
      visitor.emitWithAck('message:send', payload),
    ]);
    expect(first).toMatchObject({ ok: true, seq: 1 });
    expect(second).toMatchObject({ ok: true, seq: 1 });
    expect((await arrived).attachments).toEqual([ref]);
    // A file sent alone: the queue row previews it by name (the console writes "📎 screen shot.txt").
    expect((await opened).lastMessage).toMatchObject({ text: '', authorKind: 'visitor', files: ['screen shot.txt'] });
    const conversationId = (first as { conversationId: string }).conversationId;
    expect(await h.store.listMessages(conversationId, { includeInternal: true })).toHaveLength(1);

    const cookie = await h.login();
    const link = (await (
      await fetch(`${h.url}/api/attachments/${ref.id}/link`, { headers: { cookie } })
    ).json()) as AttachmentLink;
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const file = await fetch(`${h.url}${link.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toBe(
      `inline; filename="screen shot.txt"; filename*=UTF-8''screen%20shot.txt`,
    );
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);

    // In the visitor's next conversation, the earlier one is listed with its file-only last message.
    expect(await agent.emitWithAck('conversation:close', { conversationId })).toMatchObject({ ok: true });
    const next = await visitor.emitWithAck('message:send', { clientId: 'c0ffee00-0000-4000-8000-000000000005', text: 'again' });
    const nextId = (next as { conversationId: string }).conversationId;
    expect(nextId).not.toBe(conversationId);
    const got = await agent.emitWithAck('conversation:get', { conversationId: nextId });
    expect(got).toMatchObject({ ok: true });
    const previous = (got as { conversation: { previous: unknown[] } }).conversation.previous;
    expect(previous).toEqual([expect.objectContaining({ id: conversationId, lastMessage: '', files: ['screen shot.txt'] })]);
  });

  it('goes from the agent to the visitor as a download, and refuses a foreign visitor', async () => {
    h = await startHarness();
    const { socket: visitor, hello } = await h.visitor();
    const sent = await visitor.emitWithAck('message:send', { clientId: 'c0ffee00-0000-4000-8000-000000000002', text: 'hi' });
    const conversationId = (sent as { conversationId: string }).conversationId;
    const cookie = await h.login();
    const agent = await h.agent(cookie);
    const uploaded = await fetch(`${h.url}/api/conversations/${conversationId}/attachments?name=receipt.pdf`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/octet-stream' },
      body: new Blob([PDF]),
    });
    expect(uploaded.status).toBe(201);
    const ref = (await uploaded.json()) as AttachmentRef;
    expect(ref.mime).toBe('application/pdf');
    const arrived = nextEvent<Message>(visitor, 'message:new', (m) => m.author.kind === 'agent');
    const ack = await agent.emitWithAck('message:send', {
      conversationId,
      clientId: 'c0ffee00-0000-4000-8000-000000000003',
      text: 'Your receipt',
      attachments: [ref.id],
    });
    expect(ack).toMatchObject({ ok: true, seq: 2 });
    expect((await arrived).attachments).toEqual([ref]);

    const link = (await (await visitorLink(h, hello.token, ref.id)).json()) as AttachmentLink;
    const file = await fetch(`${h.url}${link.url}`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="receipt.pdf"/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);

    const { socket: stranger, hello: strangerHello } = await h.visitor();
    const refused = await visitorLink(h, strangerHello.token, ref.id);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { code: 'not_found' } });
    const borrowed = await stranger.emitWithAck('message:send', {
      clientId: 'c0ffee00-0000-4000-8000-000000000004',
      text: 'mine now',
      attachments: [ref.id],
    });
    expect(borrowed).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await fetch(`${h.url}/api/attachments/${ref.id}/link`)).status).toBe(401);
  });

  it('refuses a file over the size setting and one whose bytes are not an image or a PDF, each with its code', async () => {
    h = await startHarness({ env: { PASOKH_ATTACHMENT_MAX_BYTES: '2048' } });
    const { hello } = await h.visitor();
    const big = Buffer.concat([PDF, Buffer.alloc(4096, 32)]);
    const tooLarge = await visitorUpload(h, hello.token, big, 'big.pdf');
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ error: { code: 'file_too_large' } });
    const page = await visitorUpload(h, hello.token, Buffer.from('<html><script>alert(1)</script>'), 'cat.png');
    expect(page.status).toBe(415);
    expect(await page.json()).toMatchObject({ error: { code: 'file_type_not_allowed' } });
    const noToken = await fetch(`${h.url}/api/attachments?site=default&name=a.png`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Blob([PNG]),
    });
    expect(noToken.status).toBe(401);
  });

  it('refuses the upload past the per-minute setting with rate_limited, counting each uploader apart', async () => {
    h = await startHarness({ env: { PASOKH_ATTACHMENT_UPLOADS_PER_MINUTE: '3' } });
    const { hello } = await h.visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await visitorUpload(h, hello.token, PNG, `shot-${i}.png`)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await visitorUpload(h, hello.token, PNG, 'one-more.png');
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    const other = await h.visitor();
    expect((await visitorUpload(h, other.hello.token, PNG, 'theirs.png')).status).toBe(201);
  });

  it('refuses a link that expired or whose signature was changed', async () => {
    h = await startHarness();
    const { hello } = await h.visitor();
    const ref = (await (await visitorUpload(h, hello.token, PNG, 'a.png')).json()) as AttachmentRef;
    const good = (await (await visitorLink(h, hello.token, ref.id)).json()) as AttachmentLink;
    expect((await fetch(`${h.url}${good.url}`)).status).toBe(200);
    const tampered = await fetch(`${h.url}${good.url.replace(/sig=[^&]+/, `sig=${'A'.repeat(43)}`)}`);
    expect(tampered.status).toBe(403);
    expect(await tampered.json()).toMatchObject({ error: { code: 'link_expired' } });
    const key = await h.store.attachmentSigningKey();
    const old = signLink(key, ref.id, Date.now() - 10 * 60_000);
    const expired = await fetch(`${h.url}${old.url}`);
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ error: { code: 'link_expired' } });
    // Another file's signature does not open this one.
    const other = signLink(key, 'someotherid');
    expect((await fetch(`${h.url}/api/attachments/${ref.id}/file?${other.url.split('?')[1]}`)).status).toBe(403);
  });
});
