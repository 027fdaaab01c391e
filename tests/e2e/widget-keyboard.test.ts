/**
 * The whole visitor flow with the keyboard alone: Tab to the launcher, Enter opens and
 * focus moves into the panel, type, Tab/Enter to a result, Esc closes and focus returns to the
 * launcher; Tab/Enter to "Talk to a person", type and send; the agent's reply is announced by
 * the aria-live log.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support.js';
import { connectAgent, widgetFocus } from './widget-support.js';

const e2e = useServerAndBrowser();

/** Presses Tab until the widget element named `target` has focus (at most `max` presses). */
async function tabTo(page: Page, target: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await widgetFocus(page)) === target) return;
  }
  throw new Error(`Tab never reached "${target}"; focus is on ${await widgetFocus(page)}`);
}

describe('the widget with the keyboard alone', () => {
  it('searches, reads, closes with Esc and talks to a person without a pointer', async () => {
    const agent = await connectAgent(e2e.server.url);
    const context = await e2e.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/`);
      await page.getByRole('button', { name: 'Open help' }).waitFor();

      await tabTo(page, 'launcher');
      await page.keyboard.press('Enter');
      // Focus moved into the panel, onto the search box.
      await expect.poll(() => widgetFocus(page), { timeout: 10_000 }).toBe('Search');
      await page.keyboard.type('refund', { delay: 20 });
      const first = page
        .locator('pasokh-widget')
        .getByRole('link', { name: /refund/i })
        .first();
      await first.waitFor();
      const title = (await first.locator('.q').textContent())!;

      await page.keyboard.press('Tab');
      expect(await widgetFocus(page)).toContain(title);
      await page.keyboard.press('Enter');
      // The article view shows the answer and takes focus on its heading.
      await expect.poll(() => widgetFocus(page), { timeout: 10_000 }).toBe(title);
      await page.getByText('Was this helpful?').waitFor();

      await page.keyboard.press('Escape');
      expect(await page.locator('pasokh-widget section').isHidden()).toBe(true);
      expect(await widgetFocus(page)).toBe('launcher');

      await page.keyboard.press('Enter');
      await tabTo(page, 'Talk to a person');
      await page.keyboard.press('Enter');
      await expect.poll(() => widgetFocus(page), { timeout: 10_000 }).toBe('Message');
      await page.keyboard.type('Typed with the keyboard only', { delay: 10 });
      await page.keyboard.press('Enter');

      const sent = await agent.visitorMessage('Typed with the keyboard only');
      await agent.reply(sent.conversationId, 'Your keyboard works fine from here.');
      // New messages are announced: the reply lands in the polite live region.
      const log = page.getByRole('log');
      await log.getByText('Your keyboard works fine from here.').waitFor({ timeout: 10_000 });
      expect(await log.getAttribute('aria-live')).toBe('polite');
      expect(await log.textContent()).toContain('Your keyboard works fine from here.');
    } finally {
      agent.close();
      await context.close();
    }
  });
});
