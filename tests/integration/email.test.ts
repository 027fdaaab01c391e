/**
 * Email both ways with real SMTP on 127.0.0.1: a mailbox server in the test stands for the
 * world's mail, and Pasokh's own receiver takes the replies.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/types.js';
import { hashPassword } from '../../server/auth/passwords.js';
import type { DeliveriesResponse } from '../../protocol/integrations.js';
import { nextEvent, startHarness, type Harness } from './harness.js';
import { startMailbox, type Mailbox } from './mailbox.js';

const VISITOR_EMAIL = 'nasrin@example.org';
let harness: Harness | undefined;
let mailbox: Mailbox | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await harness?.stop();
  await mailbox?.close();
  harness = mailbox = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(mail: object = {}): Promise<Harness> {
  mailbox = await startMailbox();
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-mail-'));
  dirs.push(dir);
  const file = join(dir, 'pasokh.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      deliveryRetrySeconds: 0.1,
      publicUrl: 'https://help.shop.example',
      mail: { visitorAwaySeconds: 0.5, unclaimedAlertMinutes: 0, ...mail },
      sites: [{ key: 'default', name: 'Shop', allowedOrigins: ['https://shop.example'] }],
    }),
  );
  harness = await startHarness({
    env: {
      PASOKH_CONFIG: file,
      HOST: '127.0.0.1',
      PASOKH_SMTP_URL: mailbox.url,
      PASOKH_MAIL_FROM: 'Shop Support <support@shop.example>',
      PASOKH_SMTP_INBOUND_PORT: '0',
      PASOKH_MAIL_SECRET: 'mail-secret-for-the-tests',
    },
  });
  return harness;
}

/** Sends an email to Pasokh's receiver, as the visitor's mail provider would. */
async function sendToPasokh(h: Harness, to: string, text: string): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: h.integrations!.inbound!.port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({
      from: VISITOR_EMAIL,
      to,
      subject: 'Re: your message to Shop',
      text,
      messageId: `<${randomUUID()}@example.org>`,
    });
  } finally {
    transport.close();
  }
}

function linkIn(text: string): string {
  const link = /https:\/\/help\.shop\.example\/r\/\S+/.exec(text)?.[0];
  if (!link) throw new Error(`no reopen link in:\n${text}`);
  return link;
}

describe('email', () => {
  it('takes an offline message to the agents, the reply to the visitor, and the visitor’s email reply back into the conversation', async () => {
    const h = await start();
    await h.store.createAgent({
      email: 'elsewhere@example.com',
      name: 'Elsewhere',
      role: 'agent',
      passwordHash: await hashPassword('elsewhere-password'),
      sites: ['another-site'],
    });
    await h.store.createAgent({ email: 'sam@example.com', name: 'Sam', role: 'agent', passwordHash: 'x' });
    const { socket: visitor } = await h.visitor({ locale: 'en' });
    const left = await visitor.timeout(5000).emitWithAck('offline:leave', {
      clientId: randomUUID(),
      email: VISITOR_EMAIL,
      name: 'Nasrin',
      text: 'Do you ship to Shiraz?',
    });
    expect(left.ok).toBe(true);
    const conversationId = left.ok ? left.conversationId : '';

    const notice = await mailbox!.next('admin@example.com');
    // Agents of this site only.
    expect(notice.to.sort()).toEqual(['admin@example.com', 'sam@example.com']);
    expect(notice.subject).toBe('[Shop] Message from Nasrin <nasrin@example.org>');
    expect(notice.text).toContain('Do you ship to Shiraz?');
    expect(notice.text).toContain(`https://help.shop.example/console?conversation=${conversationId}`);

    visitor.disconnect();
    const agent = await h.agent();
    const sent = await agent
      .timeout(5000)
      .emitWithAck('message:send', { conversationId, clientId: randomUUID(), text: 'Yes — it takes three days.' });
    expect(sent.ok).toBe(true);
    const reply = await mailbox!.next(VISITOR_EMAIL);
    expect(reply.subject).toBe('Re: your message to Shop');
    expect(reply.text).toContain('Ada Admin replied:');
    expect(reply.text).toContain('Yes — it takes three days.');
    expect(reply.replyTo).toMatch(/^reply\+[0-9a-z-]+@shop\.example$/);

    // An agent of another site hears nothing of this conversation, by email or otherwise.
    const elsewhere = await h.agent(await h.login('elsewhere@example.com', 'elsewhere-password'));
    const overheard: string[] = [];
    elsewhere.on('message:new', (m) => overheard.push(m.conversationId));
    elsewhere.on('conversation:updated', (c) => overheard.push(c.id));
    const arrived = nextEvent<Message>(
      agent,
      'message:new',
      (m) => m.conversationId === conversationId && m.author.kind === 'visitor',
    );
    await sendToPasokh(
      h,
      reply.replyTo!,
      `Wonderful, thank you!\n\nOn Fri, Dec 4, 2026 Shop Support <support@shop.example> wrote:\n> ${reply.text.split('\n').join('\n> ')}`,
    );
    const message = await arrived;
    expect(message.text).toBe('Wonderful, thank you!');
    expect(message.seq).toBe(3);
    const stored = await h.store.listMessages(conversationId, { includeInternal: false });
    expect(stored.map((m) => m.text)).toEqual(['Do you ship to Shiraz?', 'Yes — it takes three days.', 'Wonderful, thank you!']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(overheard).not.toContain(conversationId);
  });

  it('refuses mail to a reply address that is not signed, or signed for nothing', async () => {
    const h = await start();
    const forged = `reply+${'0'.repeat(32)}-zzzzzz-${'0'.repeat(16)}@shop.example`;
    await expect(sendToPasokh(h, forged, 'let me in')).rejects.toMatchObject({ responseCode: 550 });
    await expect(sendToPasokh(h, 'support@shop.example', 'hello')).rejects.toMatchObject({ responseCode: 550 });
  });

  it('emails a reply only when the visitor has been away, and the link reopens the conversation in the widget', async () => {
    // 1.5 s away: the two replies below are sent well within it, even on a loaded machine.
    const h = await start({ visitorAwaySeconds: 1.5 });
    const { socket: visitor } = await h.visitor({ user: { id: 'u-7', email: VISITOR_EMAIL, name: 'Nasrin' } });
    const first = await visitor.timeout(5000).emitWithAck('message:send', {
      clientId: randomUUID(),
      text: 'Is this in stock?',
      context: { url: 'https://shop.example/p/42?ref=x', title: 'Kettle' },
    });
    const conversationId = first.ok ? first.conversationId : '';
    const agent = await h.agent();
    await agent.timeout(5000).emitWithAck('message:send', { conversationId, clientId: randomUUID(), text: 'Seen live: yes.' });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(mailbox!.mails.filter((m) => m.to.includes(VISITOR_EMAIL))).toEqual([]);

    visitor.disconnect();
    await agent
      .timeout(5000)
      .emitWithAck('message:send', { conversationId, clientId: randomUUID(), text: 'Emailed: back in stock Monday.' });
    await agent.timeout(5000).emitWithAck('message:send', { conversationId, clientId: randomUUID(), text: 'And 10% off.' });
    const mail = await mailbox!.next(VISITOR_EMAIL);
    // One email carries every reply since the visitor last wrote, the one seen live included for context.
    expect(mail.text).toContain('Seen live: yes.\n\nEmailed: back in stock Monday.\n\nAnd 10% off.');
    await new Promise((resolve) => setTimeout(resolve, 1800));
    expect(mailbox!.mails.filter((m) => m.to.includes(VISITOR_EMAIL))).toHaveLength(1);

    const admin = await h.login();
    const listed = (await (await fetch(`${h.url}/api/deliveries`, { headers: { cookie: admin } })).json()) as DeliveriesResponse;
    expect(listed.email).toBe('smtp');
    expect(
      listed.deliveries
        .filter((d) => d.target === 'mail')
        .map((d) => d.status)
        .sort(),
    ).toEqual(['delivered', 'skipped', 'skipped']);

    const response = await fetch(linkIn(mail.text).replace('https://help.shop.example', h.url), { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}${location.search}`).toBe('https://shop.example/p/42?ref=x');
    const token = /^#pasokh-token=([\w-]{43})$/.exec(location.hash)?.[1];
    expect(token).toBeDefined();
    const { hello } = await h.visitor({ token: token! });
    expect(hello.conversation?.id).toBe(conversationId);
    expect((await fetch(`${h.url}/r/${'0'.repeat(32)}-zzzzzz-${'0'.repeat(32)}`, { redirect: 'manual' })).status).toBe(404);
  });

  it('alerts the agents when a conversation waits unclaimed past the setting, and not when it was claimed', async () => {
    // 1.8 s: long enough for the claim below to come first on a loaded machine.
    const h = await start({ unclaimedAlertMinutes: 0.03 });
    const agent = await h.agent();
    const { socket: two } = await h.visitor({ user: { id: 'b', name: 'Claimed Carl' } });
    const claimed = await two.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'Hello?' });
    expect(
      (await agent.timeout(5000).emitWithAck('conversation:claim', { conversationId: claimed.ok ? claimed.conversationId : '' }))
        .ok,
    ).toBe(true);
    const { socket: one } = await h.visitor({ user: { id: 'a', name: 'Waiting Wanda' } });
    await one.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'Anyone there?' });
    const alert = await mailbox!.next('admin@example.com', (m) => m.subject.includes('has waited'));
    expect(alert.subject).toContain('Waiting Wanda');
    expect(alert.text).toContain('Anyone there?');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(mailbox!.mails.filter((m) => m.subject.includes('Claimed Carl'))).toEqual([]);
  });

  it('writes outgoing mail as .eml files under the data folder in development without SMTP', async () => {
    harness = await startHarness({ env: { NODE_ENV: 'development' } });
    const { socket } = await harness.visitor();
    await socket
      .timeout(5000)
      .emitWithAck('offline:leave', { clientId: randomUUID(), email: VISITOR_EMAIL, text: 'Written to a file' });
    const folder = join(harness.dataDir, 'mail');
    const deadline = Date.now() + 10_000;
    let files: string[] = [];
    while (files.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      files = (() => {
        try {
          return readdirSync(folder).filter((f) => f.endsWith('.eml'));
        } catch {
          return [];
        }
      })();
    }
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(folder, files[0]!), 'utf8');
    expect(eml).toMatch(/^To: admin@example\.com$/m);
    expect(eml).toContain('Written to a file');
    const config = (await (await fetch(`${harness.url}/api/widget-config?site=default`)).json()) as { email: boolean };
    expect(config.email).toBe(true);
  });
});

describe('password reset by email', () => {
  it('emails a one-time link that sets a new password and ends the old sessions, without telling who has an account', async () => {
    const h = await start();
    const oldCookie = await h.login();
    const ask = (email: string) =>
      fetch(`${h.url}/api/password-reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
    expect((await ask('nobody@example.com')).status).toBe(202);
    expect((await ask('ADMIN@example.com')).status).toBe(202);
    const mail = await mailbox!.next('admin@example.com', (m) => m.subject === 'Reset your Pasokh password');
    const token = /\/console\?reset=(\S+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailbox!.mails.filter((m) => m.to.includes('nobody@example.com'))).toEqual([]);

    const confirm = (password: string) =>
      fetch(`${h.url}/api/password-reset/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password }),
      });
    expect((await confirm('short')).status).toBe(400);
    expect((await confirm('a brand new passphrase')).status).toBe(200);
    expect((await confirm('and once more please')).status).toBe(400);
    expect((await fetch(`${h.url}/api/me`, { headers: { cookie: oldCookie } })).status).toBe(401);
    await expect(h.login()).rejects.toThrow(/401/);
    expect(await h.login('admin@example.com', 'a brand new passphrase')).toMatch(/^pasokh_session=/);
  });
});

describe('transcript on request', () => {
  it('emails a closed conversation, without internal notes, to its visitor when an agent of the site asks', async () => {
    const h = await start();
    const { socket: visitor } = await h.visitor({ user: { id: 'u-9', email: VISITOR_EMAIL, name: 'Nasrin' } });
    const first = await visitor.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'Which size fits?' });
    const conversationId = first.ok ? first.conversationId : '';
    const agent = await h.agent();
    await agent.timeout(5000).emitWithAck('message:send', { conversationId, clientId: randomUUID(), text: 'Medium, usually.' });
    await agent
      .timeout(5000)
      .emitWithAck('message:send', { conversationId, clientId: randomUUID(), text: 'note to self', internal: true });
    const admin = await h.login();
    const ask = () =>
      fetch(`${h.url}/api/conversations/${conversationId}/transcript`, { method: 'POST', headers: { cookie: admin } });
    expect((await ask()).status).toBe(409);
    await agent.timeout(5000).emitWithAck('conversation:close', { conversationId });
    const other = await h.addAgent('other-site@example.com', 'Other');
    await h.store.updateAgent((await h.store.findAgentByEmail('other-site@example.com'))!.id, { sites: ['another-site'] });
    expect(
      (await fetch(`${h.url}/api/conversations/${conversationId}/transcript`, { method: 'POST', headers: { cookie: other } }))
        .status,
    ).toBe(404);

    const response = await ask();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sentTo: VISITOR_EMAIL });
    const mail = await mailbox!.next(VISITOR_EMAIL, (m) => m.subject === 'Your conversation with Shop');
    expect(mail.text).toMatch(/You:\nWhich size fits\?\n\n\[[^\]]+\] Ada Admin:\nMedium, usually\./);
    expect(mail.text).not.toContain('note to self');
  });
});
