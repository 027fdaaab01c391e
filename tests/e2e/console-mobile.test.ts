/**
 * The console on a phone (375×700, like the widget's mobile test): one pane at a time — the
 * queue, then a conversation with a way back, then the visitor's details with a way back to the
 * thread — and nothing wider than the screen.
 */
import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { signInConsole, useServerAndBrowser } from './support.js';
import { docScreenshot } from './doc-screenshot.js';

const e2e = useServerAndBrowser();

/** A visitor from another browser asks one question, with the page it came from. */
async function visitorAsks(url: string, text: string): Promise<() => void> {
  const socket = io(`${url}/visitor`, {
    auth: { site: 'default' },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('hello', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = await socket.timeout(5000).emitWithAck('message:send', {
    clientId: crypto.randomUUID(),
    text,
    context: {
      url: 'https://shop.example/cart',
      title: 'Your cart',
      locale: 'en',
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1',
      searches: [{ query: 'refund', hits: 2, at: new Date().toISOString() }],
    },
  });
  if (!ack.ok) throw new Error(`message:send failed: ${ack.error.code}`);
  return () => void socket.close();
}

/** Nothing on the page is wider than the viewport (no sideways scrolling, nothing cut off). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the console on a 375 px phone', () => {
  it('shows the queue, then the conversation, then the visitor, one at a time, each with a way back', async () => {
    const context = await e2e.newContext({ viewport: { width: 375, height: 700 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const queue = await signInConsole(page, e2e.server.url);
    const leave = await visitorAsks(e2e.server.url, 'Where is my teapot? Order 4411');
    try {
      const row = queue.getByRole('listitem').filter({ hasText: 'Order 4411' });
      await row.waitFor({ timeout: 10_000 });
      expect(await page.getByRole('textbox', { name: 'Reply' }).isVisible()).toBe(false);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await docScreenshot(page, 'console-phone-queue.png');

      await row.click();
      const reply = page.getByRole('textbox', { name: 'Reply' });
      await reply.waitFor();
      expect(await queue.isVisible()).toBe(false);
      const box = await reply.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
      expect(box!.y + box!.height).toBeLessThanOrEqual(700);
      await page.getByRole('button', { name: 'Claim' }).click();
      await reply.fill('It left our kiln on Monday.');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByRole('log', { name: 'Messages' }).getByText('It left our kiln on Monday.').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await docScreenshot(page, 'console-phone-conversation.png');

      await page.getByRole('button', { name: 'About the visitor' }).click();
      const details = page.getByRole('complementary', { name: 'About the visitor' });
      await details.waitFor();
      expect(await reply.isVisible()).toBe(false);
      await details.getByText('refund').first().waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await docScreenshot(page, 'console-phone-visitor.png');

      await page.getByRole('button', { name: 'Back to the conversation' }).click();
      await reply.waitFor();
      await page.getByRole('button', { name: 'Conversations' }).click();
      // The row's preview is now the reply; the page it came from still names it.
      await queue.getByRole('listitem').filter({ hasText: 'Your cart' }).waitFor();
      expect(await reply.isVisible()).toBe(false);
    } finally {
      leave();
    }
  });
});
