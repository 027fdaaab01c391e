/**
 * A visitor who types with the keyboard on the other language: the widget fetches the chunk
 * with the other layout (and fuse.js) on the first word the FAQ lacks, and shows the answers
 * the same keys find on the other layout. English and Persian, in real Chromium against the
 * built widget and the demo FAQ.
 */
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support.js';
import { openWidgetSearch } from './widget-support.js';

const e2e = useServerAndBrowser();

const CASES = [
  // «لغو اشتراک» (cancel subscription) typed with the keyboard still on English.
  { locale: 'fa', path: '/fa', open: 'بازکردن راهنما', query: 'gy, hajvh;', answers: 'پاسخ‌ها', hit: 'چطور اشتراکم را لغو کنم؟' },
  // "refund" typed with the keyboard still on Persian.
  { locale: 'en', path: '/', open: 'Open help', query: 'قثبعدی', answers: 'Answers', hit: 'When will I get my refund?' },
] as const;

describe.each(CASES)('text typed on the other layout in $locale', ({ locale, path, open, query, answers, hit }) => {
  it('shows the answers its keys find on the page’s own layout', async () => {
    const context = await e2e.browser.newContext({ locale: locale === 'fa' ? 'fa-IR' : 'en-US' });
    try {
      const page = await context.newPage();
      const fetched: string[] = [];
      page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
      const { widget, search } = await openWidgetSearch(page, e2e.server.url, path, open);
      await search.fill(query);

      await widget.getByRole('heading', { name: answers, exact: true }).waitFor();
      await widget.getByRole('link', { name: hit }).first().waitFor();
      expect(fetched.some((p) => /\/typos-[\w-]+\.js$/.test(p))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
