/**
 * Email both ways with real SMTP and real Chromium: a visitor leaves a message in the widget
 * while nobody is online, it reaches the agents' inbox; the agent replies in the console, the
 * reply reaches the visitor's inbox; the visitor answers that email and the answer appears in
 * the console. A mailbox server in the test stands for the world's mail; Pasokh's own SMTP
 * receiver takes the answer.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailbox, type Mailbox } from '../integration/mailbox.js';
import { freePort, launchChromium, signInConsole, startServerProcess, type ServerProcess } from './support.js';

const VISITOR_EMAIL = 'parisa@example.org';
let mailbox: Mailbox;
let server: ServerProcess;
let browser: Browser;
let configDir: string;
let inboundPort: number;

beforeAll(async () => {
  mailbox = await startMailbox();
  configDir = mkdtempSync(join(tmpdir(), 'pasokh-e2e-mail-'));
  const file = join(configDir, 'pasokh.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      deliveryRetrySeconds: 0.2,
      mail: { visitorAwaySeconds: 1, unclaimedAlertMinutes: 0 },
      sites: [{ key: 'default', name: 'Shop' }],
    }),
  );
  inboundPort = await freePort();
  server = await startServerProcess({
    PASOKH_CONFIG: file,
    NODE_ENV: 'production',
    PASOKH_SMTP_URL: mailbox.url,
    PASOKH_MAIL_FROM: 'Shop Support <support@shop.example>',
    PASOKH_SMTP_INBOUND_PORT: String(inboundPort),
    PASOKH_MAIL_SECRET: 'mail-secret-for-the-e2e-test',
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
  rmSync(configDir, { recursive: true, force: true });
});

/** What the visitor's mail provider does with their answer: SMTP to the reply address's MX. */
async function answerByEmail(to: string, text: string): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inboundPort, secure: false, ignoreTLS: true });
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

describe('email, out and back in', () => {
  it('takes an offline message to the agent’s inbox, the reply to the visitor’s, and the emailed answer into the console', async () => {
    const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors: string[] = [];
    visitor.on('pageerror', (error) => errors.push(error.message));
    await visitor.goto(`${server.url}/`);
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByRole('searchbox', { name: 'Search' }).waitFor();
    await visitor.getByRole('button', { name: 'Talk to a person' }).click();
    await visitor.getByRole('textbox', { name: 'Email' }).fill(VISITOR_EMAIL);
    await visitor.getByRole('textbox', { name: 'Name (optional)' }).fill('Parisa');
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Is the copper samovar available in the large size?');
    await visitor.getByRole('button', { name: 'Send message' }).click();
    await visitor.getByText('Is the copper samovar available').first().waitFor({ timeout: 10_000 });
    await visitor.close();

    // The agents' inbox: the message, who left it, and a link into the console.
    const notice = await mailbox.next('admin@example.com', (m) => m.text.includes('copper samovar'), 15_000);
    expect(notice.subject).toContain('Parisa');
    expect(notice.text).toContain('Is the copper samovar available in the large size?');
    expect(notice.text).toMatch(/\/console\?conversation=/);

    const agent = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const queue = await signInConsole(agent, server.url);
    await queue.getByRole('listitem').filter({ hasText: 'copper samovar' }).click();
    await agent.getByRole('textbox', { name: 'Reply' }).fill('Yes, the large one ships tomorrow.');
    await agent.getByRole('button', { name: 'Send', exact: true }).click();

    // The visitor's inbox: the reply, from a signed reply address.
    const reply = await mailbox.next(VISITOR_EMAIL, (m) => m.text.includes('ships tomorrow'), 15_000);
    expect(reply.text).toContain('Yes, the large one ships tomorrow.');
    expect(reply.replyTo).toMatch(/^reply\+[0-9a-z-]+@shop\.example$/);

    // The visitor answers the email, quoting it; only the new text appears in the console.
    await answerByEmail(
      reply.replyTo!,
      `Perfect, please send it.\n\nOn Sat, Dec 5, 2026 Shop Support <support@shop.example> wrote:\n> ${reply.text.split('\n').join('\n> ')}`,
    );
    const log = agent.getByRole('log', { name: 'Messages' });
    await log.getByText('Perfect, please send it.').waitFor({ timeout: 15_000 });
    expect(await log.textContent()).not.toContain('wrote:');
    expect(errors).toEqual([]);
  });
});
