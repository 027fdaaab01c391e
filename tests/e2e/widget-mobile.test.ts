/**
 * Phones: under 480 px the open panel fills the viewport; an agent's reply that arrives
 * while the panel is closed shows as an unread badge on the launcher, and opening clears it.
 */
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support.js';
import { connectAgent } from './widget-support.js';

const e2e = useServerAndBrowser();

describe('the widget on a phone', () => {
  it('fills a 375×700 viewport when open and badges the launcher with unread replies', async () => {
    const agent = await connectAgent(e2e.server.url);
    const context = await e2e.browser.newContext({ viewport: { width: 375, height: 700 }, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/`);
      const launcher = page.getByRole('button', { name: 'Open help' });
      await launcher.click();
      await page.getByRole('searchbox', { name: 'Search' }).waitFor();
      const box = await page.locator('pasokh-widget section').boundingBox();
      expect(box).toEqual({ x: 0, y: 0, width: 375, height: 700 });

      await page.getByRole('button', { name: 'Talk to a person' }).click();
      const message = page.getByRole('textbox', { name: 'Message' });
      await message.fill('Writing from my phone');
      await page.getByRole('button', { name: 'Send' }).click();
      const sent = await agent.visitorMessage('Writing from my phone');

      // The panel covers the launcher on a phone: close it with its own button.
      await page.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => launcher.getAttribute('aria-expanded')).toBe('false');
      await agent.reply(sent.conversationId, 'Reply while you were away');
      const badge = page.locator('pasokh-widget .badge');
      await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe('1');
      expect(await badge.isVisible()).toBe(true);

      await launcher.click();
      await page.getByRole('log').getByText('Reply while you were away').waitFor();
      await expect.poll(() => badge.textContent()).toBe('');
    } finally {
      agent.close();
      await context.close();
    }
  });
});
