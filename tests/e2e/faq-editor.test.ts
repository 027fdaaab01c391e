/**
 * The FAQ editor end to end: an admin writes and publishes an answer in the console by its
 * accessible names, and a visitor whose widget is already open — the word already typed —
 * sees it appear within 5 s, with no restart; deleting it takes it away the same way, and undo
 * brings it back. Once in English, once in the Persian console.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SCREENSHOTS, signInConsole, useServerAndBrowser } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'pasokh-faq-e2e-'));
const configFile = join(dir, 'pasokh.config.json');
writeFileSync(
  configFile,
  JSON.stringify({
    sites: [{ key: 'default', name: 'Pasokh Demo Store', faq: join(ROOT, 'demo/faq.json'), faqSource: 'database' }],
  }),
);

const REACH_MS = 5000;

interface Case {
  locale: 'en' | 'fa';
  names: {
    nav: string;
    list: string;
    add: string;
    question: string;
    answer: string;
    publish: string;
    remove: string;
    language: string;
    keywords: string;
    showDeleted: string;
    undo: string;
  };
  languageOption: string;
  question: string;
  answer: string;
  word: string;
}

const CASES: Case[] = [
  {
    locale: 'en',
    names: {
      nav: 'FAQ',
      list: 'Answers',
      add: 'New answer',
      question: 'Question',
      answer: 'Answer',
      publish: 'Publish',
      remove: 'Delete',
      language: 'Language',
      keywords: 'Keywords',
      showDeleted: 'Show deleted answers',
      undo: 'Undo',
    },
    languageOption: 'English',
    question: 'Can I pay with a gift card?',
    answer: 'Yes: a **kumquat** gift card works at checkout, alone or with another card.',
    word: 'kumquat',
  },
  {
    locale: 'fa',
    names: {
      nav: 'پرسش‌ها',
      list: 'پاسخ‌ها',
      add: 'پاسخ تازه',
      question: 'پرسش',
      answer: 'پاسخ',
      publish: 'انتشار',
      remove: 'حذف',
      language: 'زبان',
      keywords: 'کلیدواژه‌ها',
      showDeleted: 'نمایش پاسخ‌های حذف‌شده',
      undo: 'برگرداندن',
    },
    languageOption: 'فارسی',
    question: 'آیا می‌توانم با کارت هدیه پرداخت کنم؟',
    answer: 'بله: کارت هدیهٔ **زعفرانی** هنگام پرداخت پذیرفته می‌شود.',
    word: 'زعفرانی',
  },
];

describe('FAQ editor', () => {
  const e2e = useServerAndBrowser({ PASOKH_CONFIG: configFile });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Milliseconds from `started` until the visitor's open panel lists (or stops listing) the answer. */
  async function timeUntil(visitor: Page, question: string, shown: boolean, started: number): Promise<number> {
    const link = visitor.locator('pasokh-widget').getByRole('link', { name: question });
    if (shown) await link.first().waitFor({ timeout: REACH_MS + 1000 });
    else await link.first().waitFor({ state: 'detached', timeout: REACH_MS + 1000 });
    return Date.now() - started;
  }

  for (const c of CASES) {
    it(`publishes, deletes and restores an answer that an open widget follows within 5 s (${c.locale})`, async () => {
      const admin = await (await e2e.newContext()).newPage();
      await signInConsole(admin, e2e.server.url);
      await switchConsoleLocale(admin, c.locale);

      const visitor = await (await e2e.newContext()).newPage();
      await visitor.goto(`${e2e.server.url}/${c.locale === 'fa' ? 'fa' : ''}`);
      await visitor
        .locator('pasokh-widget')
        .getByRole('button', { name: c.locale === 'fa' ? 'بازکردن راهنما' : 'Open help' })
        .click();
      const search = visitor.locator('pasokh-widget').getByRole('searchbox');
      await search.fill(c.word);
      await expect(visitor.locator('pasokh-widget').getByRole('link', { name: c.question }).count()).resolves.toBe(0);

      await admin.getByRole('link', { name: c.names.nav }).click();
      await admin.getByRole('list', { name: c.names.list }).waitFor();
      await admin.getByRole('button', { name: c.names.add }).click();
      await admin.getByRole('combobox', { name: c.names.language }).selectOption({ label: c.languageOption });
      await admin.getByRole('textbox', { name: c.names.question, exact: true }).fill(c.question);
      await admin.getByRole('textbox', { name: c.names.answer, exact: true }).fill(c.answer);
      await admin.getByRole('textbox', { name: c.names.keywords }).fill('gift');
      // The live preview is the server's rendering of the Markdown.
      await admin.locator('.faq-preview strong', { hasText: c.word }).waitFor();
      const published = Date.now();
      await admin.getByRole('button', { name: c.names.publish, exact: true }).click();
      const shownAfter = await timeUntil(visitor, c.question, true, published);
      expect(shownAfter).toBeLessThanOrEqual(REACH_MS);
      await admin.evaluate(() => document.querySelector('.page')?.scrollTo(0, 0));
      await admin.screenshot({ path: join(SCREENSHOTS, `faq-editor-${c.locale}.png`) });

      await admin.getByRole('list', { name: c.names.list }).getByRole('button', { name: c.question }).waitFor();
      const deleted = Date.now();
      await admin.getByRole('button', { name: c.names.remove, exact: true }).click();
      const goneAfter = await timeUntil(visitor, c.question, false, deleted);
      await admin
        .getByRole('list', { name: c.names.list })
        .getByRole('button', { name: c.question })
        .waitFor({ state: 'detached' });
      expect(goneAfter).toBeLessThanOrEqual(REACH_MS);
      // Undo brings it back to the open widget the same way.
      await admin.getByRole('checkbox', { name: c.names.showDeleted }).check();
      const undone = Date.now();
      await admin.getByRole('button', { name: `${c.names.undo}: ${c.question}` }).click();
      const backAfter = await timeUntil(visitor, c.question, true, undone);
      expect(backAfter).toBeLessThanOrEqual(REACH_MS);
      console.log(
        `faq-editor e2e (${c.locale}): shown in ${shownAfter} ms, gone in ${goneAfter} ms, back in ${backAfter} ms after the click`,
      );
    });
  }
});

/** The console's own language switch (LocaleToggle), when the case is not English. */
async function switchConsoleLocale(page: Page, locale: 'en' | 'fa'): Promise<void> {
  if (locale === 'en') return;
  await page.getByRole('button', { name: /فارسی/ }).click();
  await page.locator('html[lang="fa"]').waitFor();
}
