/**
 * axe-core in real Chromium against every view of the widget (launcher, search, article, chat,
 * offline form), in English and in Persian: no serious or critical violation.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support.js';
import { axeWidget, connectAgent, type Agent } from './widget-support.js';

const e2e = useServerAndBrowser();

const LOCALES = [
  { locale: 'en', path: '/', open: 'Open help', query: 'refund', talk: 'Talk to a person', message: 'Message', email: 'Email' },
  {
    locale: 'fa',
    path: '/fa',
    open: 'بازکردن راهنما',
    query: 'سفارش',
    talk: 'گفتگو با پشتیبان',
    message: 'پیام',
    email: 'ایمیل',
  },
] as const;

async function expectNoSeriousViolations(page: Page, view: string): Promise<void> {
  const violations = await axeWidget(page);
  expect(violations, `${view}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe.each(LOCALES)('accessibility of the widget in $locale', ({ locale, path, open, query, talk, message, email }) => {
  it('has no serious or critical axe violation in the launcher, search, article and offline form', async () => {
    const context = await e2e.browser.newContext({ locale: locale === 'fa' ? 'fa-IR' : 'en-US' });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}${path}`);
    const launcher = page.getByRole('button', { name: open });
    await launcher.waitFor();
    await expectNoSeriousViolations(page, 'launcher');

    await launcher.click();
    const search = page.getByRole('searchbox');
    await search.waitFor();
    await search.fill(query);
    const result = page.locator('pasokh-widget').getByRole('link').first();
    await result.waitFor();
    await expectNoSeriousViolations(page, 'search');

    await result.click();
    await page.locator('pasokh-widget').locator('.answer').waitFor();
    await expectNoSeriousViolations(page, 'article');

    // Nobody is online in this server yet: "talk" leads to the offline form.
    await page.getByRole('button', { name: talk }).click();
    await page.getByRole('textbox', { name: email }).waitFor();
    await expectNoSeriousViolations(page, 'offline form');
    await context.close();
  });

  it('has no serious or critical axe violation in the chat', async () => {
    const agent: Agent = await connectAgent(e2e.server.url);
    const context = await e2e.browser.newContext({ locale: locale === 'fa' ? 'fa-IR' : 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}${path}`);
      await page.getByRole('button', { name: open }).click();
      await page.getByRole('button', { name: talk }).click();
      const box = page.getByRole('textbox', { name: message, exact: true });
      await box.fill(`Accessibility check ${locale}`);
      await box.press('Enter');
      const sent = await agent.visitorMessage(`Accessibility check ${locale}`);
      await agent.reply(sent.conversationId, locale === 'fa' ? 'سلام، در خدمتم.' : 'Hello, how can I help?');
      await page
        .getByRole('log')
        .getByText(locale === 'fa' ? 'سلام، در خدمتم.' : 'Hello, how can I help?')
        .waitFor();
      await expectNoSeriousViolations(page, 'chat');
    } finally {
      agent.close();
      await context.close();
    }
  });
});
