/** Closed conversations in the console: found by words said, opened read-only. */
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { signInConsole, useServerAndBrowser } from './support.js';
import { docScreenshot } from './doc-screenshot.js';
import { connectAgent } from './widget-support.js';

const e2e = useServerAndBrowser();

/** A visitor asks `text`; the agent answers and closes the conversation. */
async function closedConversation(url: string, text: string, answer: string): Promise<void> {
  const visitor = io(`${url}/visitor`, {
    auth: { site: 'default' },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const hello = new Promise<void>((resolve) => visitor.once('hello', () => resolve()));
  const agent = await connectAgent(url);
  try {
    await hello;
    const sent = await visitor.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text });
    if (!sent.ok) throw new Error(sent.error.code);
    await agent.reply(sent.conversationId, answer);
    const closed = await agent.socket.timeout(5000).emitWithAck('conversation:close', { conversationId: sent.conversationId });
    if (!closed.ok) throw new Error(closed.error.code);
  } finally {
    agent.close();
    visitor.close();
  }
}

describe("the console's history of closed conversations", () => {
  it('finds a closed conversation by its words and shows the transcript read-only', async () => {
    await closedConversation(e2e.server.url, 'Is the kiln-fired teapot dishwasher safe?', 'Hand wash only, please.');
    await closedConversation(e2e.server.url, 'Do you ship to Tabriz?', 'Yes, in three days.');
    const page = await (await e2e.newContext({ viewport: { width: 1200, height: 760 } })).newPage();
    await signInConsole(page, e2e.server.url);
    await page.getByRole('button', { name: 'History' }).click();
    const results = page.getByRole('list', { name: 'Closed conversations found' });
    await results.getByRole('listitem').nth(1).waitFor();

    await page.getByLabel('Words in the conversation').fill('KILN');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    await docScreenshot(page, 'console-history.png');
    await results.getByRole('button').first().click();

    const log = page.getByRole('log', { name: 'Messages' });
    await log.getByText('Is the kiln-fired teapot dishwasher safe?').waitFor();
    await log.getByText('Hand wash only, please.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Reply' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Claim' }).count()).toBe(0);
  });
});
