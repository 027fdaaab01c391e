/**
 * In real Chromium: links in messages are real <a> elements (http, https, mailto only) in the
 * widget and the console; and the link in a reply email opens the widget onto its conversation.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { connectAgentSocket, loginCookie, signInConsole, useServerAndBrowser } from './support.js';

// Development without SMTP: email goes to .eml files in the data folder, where the test reads it.
const e2e = useServerAndBrowser({ NODE_ENV: 'development', PASOKH_AUTO_ACK: 'false' });

const REPLY =
  'Track it at https://shop.example/track?id=7. Or mailto:help@shop.example — not javascript:alert(1) nor <b>bold</b>';

describe('links and the reopen link', () => {
  it('shows links as real links in the widget and the console, and nothing else as markup', async () => {
    const agentPage = await (await e2e.newContext()).newPage();
    await signInConsole(agentPage, e2e.server.url);
    const visitor = await (await e2e.newContext()).newPage();
    await visitor.goto(`${e2e.server.url}/`);
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByRole('button', { name: 'Talk to a person' }).click();
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Where is my parcel? https://shop.example/orders/7');
    await visitor.getByRole('button', { name: 'Send', exact: true }).click();

    await agentPage.getByRole('list', { name: 'Conversations' }).getByText('Where is my parcel?').first().click();
    const visitorLink = agentPage.getByRole('link', { name: 'https://shop.example/orders/7' });
    await visitorLink.waitFor();
    expect(await visitorLink.getAttribute('rel')).toBe('noopener noreferrer');
    await agentPage.getByRole('textbox', { name: 'Reply' }).fill(REPLY);
    await agentPage.getByRole('button', { name: 'Send', exact: true }).click();

    const link = visitor.getByRole('link', { name: 'https://shop.example/track?id=7' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://shop.example/track?id=7');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await visitor.getByRole('link', { name: 'mailto:help@shop.example' }).getAttribute('href')).toBe(
      'mailto:help@shop.example',
    );
    expect(await visitor.getByRole('link', { name: /javascript/ }).count()).toBe(0);
    const bubble = visitor.locator('pasokh-widget').locator('.bubble', { hasText: 'Track it at' });
    expect(await bubble.locator('b').count()).toBe(0);
    expect(await bubble.textContent()).toBe(REPLY);
    expect(await agentPage.getByRole('link', { name: 'https://shop.example/track?id=7' }).count()).toBe(1);
  });

  it('opens the widget onto the conversation from the link in the reply email', async () => {
    const visitorSocket = io(`${e2e.server.url}/visitor`, {
      auth: { site: 'default' },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const left = await visitorSocket
      .timeout(10_000)
      .emitWithAck('offline:leave', { clientId: randomUUID(), email: 'leila@example.com', text: 'Please email me back' });
    visitorSocket.disconnect();
    if (!left.ok) throw new Error(left.error.message);
    const agent = await connectAgentSocket(e2e.server.url, await loginCookie(e2e.server.url));
    const sent = await agent.timeout(5000).emitWithAck('message:send', {
      conversationId: left.conversationId,
      clientId: randomUUID(),
      text: 'Here is your answer by email.',
    });
    expect(sent.ok).toBe(true);
    agent.disconnect();

    const folder = join(e2e.server.dataDir, 'mail');
    let mail = '';
    for (let i = 0; i < 200 && !mail; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const file = (() => {
        try {
          return readdirSync(folder).find((f) => readFileSync(join(folder, f), 'utf8').includes('To: leila@example.com'));
        } catch {
          return undefined;
        }
      })();
      if (file) mail = readFileSync(join(folder, file), 'utf8').replace(/=\r?\n/g, '');
    }
    const reopen = /http:\/\/localhost:\d+\/r\/[0-9a-z-]+/.exec(mail)?.[0];
    expect(reopen, 'the email carries a reopen link').toBeDefined();

    const visitor = await (await e2e.newContext()).newPage();
    await visitor.goto(reopen!.replace(/^http:\/\/localhost:\d+/, e2e.server.url));
    await visitor.locator('pasokh-widget').getByText('Here is your answer by email.').waitFor({ timeout: 15_000 });
    expect(await visitor.getByText('Please email me back').count()).toBeGreaterThan(0);
    expect(new URL(visitor.url()).hash).toBe('');

    // The link in the agents' email opens the same conversation in the console.
    const agentPage = await (await e2e.newContext()).newPage();
    await signInConsole(agentPage, e2e.server.url);
    await agentPage.goto(`${e2e.server.url}/console?conversation=${left.conversationId}`);
    await agentPage.locator('.msg-text', { hasText: 'Here is your answer by email.' }).waitFor({ timeout: 10_000 });
    expect(await agentPage.getByText('Please email me back').count()).toBeGreaterThan(0);
    expect(new URL(agentPage.url()).search).toBe('');
  });
});
