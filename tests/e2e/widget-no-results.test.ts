/**
 * When a query matches nothing, the search view shows the answers that come closest to it, or
 * when none does the locale's most viewed answers, and the "Talk to a person" button: never an
 * empty list under an "Answers" heading. English and Persian, in real Chromium against the built
 * widget and the demo FAQ.
 */
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support.js';
import { openWidgetSearch } from './widget-support.js';

const e2e = useServerAndBrowser();

const LOCALES = [
  {
    locale: 'en',
    path: '/',
    open: 'Open help',
    query: 'xylophone quantum astrology',
    answers: 'Answers',
    popular: 'Popular questions',
    closest: 'Closest answers',
    // Too little of it is covered to be sure (the aunt, the sending), but the shipping abroad is.
    near: 'send it to my aunt abroad',
    nearAnswer: 'Do you ship internationally?',
    none: 'No answers match',
    talk: 'Talk to a person',
  },
  {
    locale: 'fa',
    path: '/fa',
    open: 'بازکردن راهنما',
    query: 'زیست‌شناسی کوانتومی ستاره',
    answers: 'پاسخ‌ها',
    popular: 'پرسش‌های پرتکرار',
    closest: 'نزدیک‌ترین پاسخ‌ها',
    near: 'برای عمه‌ام خارج بفرستید',
    nearAnswer: 'آیا به خارج از ایران هم ارسال دارید؟',
    none: 'پاسخی برای',
    talk: 'گفتگو با پشتیبان',
  },
] as const;

describe.each(LOCALES)(
  'a query with no answer in $locale',
  ({ locale, path, open, query, answers, popular, none, talk, ...close }) => {
    it('shows the most viewed answers of the locale and the button to talk to a person', async () => {
      const context = await e2e.browser.newContext({ locale: locale === 'fa' ? 'fa-IR' : 'en-US' });
      try {
        const page = await context.newPage();
        const { widget, search } = await openWidgetSearch(page, e2e.server.url, path, open);
        await search.fill(query);

        await widget.getByText(none).waitFor();
        expect(await widget.getByRole('heading', { name: answers, exact: true }).count()).toBe(0);
        await widget.getByRole('heading', { name: popular }).waitFor();
        const links = widget.getByRole('link');
        expect(await links.count()).toBeGreaterThan(0);
        for (const lang of await links.evaluateAll((all) => all.map((a) => a.getAttribute('lang')))) expect(lang).toBe(locale);
        expect(await widget.getByRole('button', { name: talk }).isVisible()).toBe(true);

        // A query that matches shows its hits under "Answers" again.
        await search.fill(locale === 'fa' ? 'سفارش' : 'refund');
        await widget.getByRole('heading', { name: answers, exact: true }).waitFor();
        expect(await widget.getByText(none).count()).toBe(0);
      } finally {
        await context.close();
      }
    });

    it('shows the answers closest to a query it is not sure of, in place of the most viewed', async () => {
      const context = await e2e.browser.newContext({ locale: locale === 'fa' ? 'fa-IR' : 'en-US' });
      try {
        const page = await context.newPage();
        const { widget, search } = await openWidgetSearch(page, e2e.server.url, path, open);
        await search.fill(close.near);

        await widget.getByText(none).waitFor();
        await widget.getByRole('heading', { name: close.closest }).waitFor();
        expect(await widget.getByRole('heading', { name: popular }).count()).toBe(0);
        const links = widget.getByRole('link');
        expect(await links.count()).toBeLessThanOrEqual(3);
        // The question, then a line of its answer.
        expect((await links.first().textContent())?.startsWith(close.nearAnswer)).toBe(true);
        expect(await widget.getByRole('button', { name: talk }).isVisible()).toBe(true);
      } finally {
        await context.close();
      }
    });
  },
);
