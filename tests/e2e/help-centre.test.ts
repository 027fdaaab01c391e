/**
 * The public help centre in real Chromium: every kind of page passes axe (all impacts) and
 * html-validate's recommended rules, loads with no console error (so the CSP blocks nothing it
 * serves), works with JavaScript off, and fits a 375 px phone. Also takes the README's
 * pictures (tests/e2e/screenshots/; with PASOKH_UPDATE_DOCS=1 copied to docs/).
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, SCREENSHOTS, useServerAndBrowser } from './support.js';

const e2e = useServerAndBrowser();
const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
const FA_SLUG = encodeURIComponent('سفارشم-کجاست');
const PAGES = [
  { name: 'front page', path: '/help', lang: 'en', dir: 'ltr', h1: 'Help centre' },
  { name: 'answer', path: '/help/where-is-my-order', lang: 'en', dir: 'ltr', h1: 'Where is my order?' },
  { name: 'Persian front page', path: '/help/fa', lang: 'fa', dir: 'rtl', h1: 'مرکز راهنما' },
  { name: 'Persian answer', path: `/help/fa/${FA_SLUG}`, lang: 'fa', dir: 'rtl', h1: 'سفارشم کجاست؟' },
  { name: 'search results', path: '/help?q=refund', lang: 'en', dir: 'ltr', h1: 'Help centre' },
  { name: 'not found', path: '/help/no-such-answer', lang: 'en', dir: 'ltr', h1: 'We could not find that page' },
] as const;

interface AxeViolation {
  id: string;
  impact: string;
  nodes: string[];
}

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP forbids every script tag, as it should.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: any[] }> } }).axe;
    const result = await run.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n: { target: unknown }) => JSON.stringify(n.target)),
    }));
  });
}

/** Opens a page, collecting console errors (a CSP violation is one). */
async function open(
  path: string,
  options: { width?: number; javaScript?: boolean } = {},
): Promise<{ page: Page; errors: string[]; status: number }> {
  const context = await e2e.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScript ?? true,
    bypassCSP: false,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const response = await page.goto(`${e2e.server.url}${path}`);
  return { page, errors, status: response?.status() ?? 0 };
}

describe.each(PAGES)('the help centre’s $name', ({ path, lang, dir, h1 }) => {
  it('passes axe with no violation of any impact, in its language and direction', async () => {
    const { page, errors, status } = await open(path);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang, dir]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(h1);
    const violations = await axe(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    // The only error allowed is the not-found page's own 404 status.
    expect(errors.filter((e) => !(status === 404 && e.includes('status of 404')))).toEqual([]);
    expect(status).toBe(path === '/help/no-such-answer' ? 404 : 200);
  });

  it('is valid HTML by html-validate’s recommended rules', async () => {
    const response = await fetch(`${e2e.server.url}${path}`);
    const report = await validator.validateString(await response.text());
    const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} at ${m.line}:${m.column}: ${m.message}`));
    expect(messages).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('fits a 375 px phone without sideways scrolling', async () => {
    const { page } = await open(path, { width: 375 });
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
  });
});

describe('the help centre without JavaScript', () => {
  it('searches with the form and opens an answer from the results', async () => {
    const { page } = await open('/help', { javaScript: false });
    await page.getByRole('searchbox', { name: 'Search the help centre' }).fill('money back');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/help\?q=money\+back$/);
    await page
      .getByRole('region', { name: 'Answers for “money back”' })
      .getByRole('link', { name: 'When will I get my refund?' })
      .click();
    await page.waitForURL(/\/help\/when-will-i-get-my-refund$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('When will I get my refund?');
  });

  it('switches an answer to its Persian translation from the header', async () => {
    const { page } = await open('/help/where-is-my-order', { javaScript: false });
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'فارسی' }).click();
    await page.waitForURL(new RegExp(`/help/fa/${FA_SLUG}$`));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('سفارشم کجاست؟');
  });

  it('shows a visible focus ring on the first link reached by keyboard', async () => {
    const { page } = await open('/help');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the content' });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
    expect(outline).toBe('solid 3px');
    const box = await skip.boundingBox();
    expect(box && box.y >= 0).toBe(true);
  });
});

describe('help centre screenshots', () => {
  /** A desktop and a 375 px shot of one page, side by side in one picture. */
  async function sideBySide(path: string, file: string): Promise<void> {
    const shots: string[] = [];
    for (const width of [1280, 375]) {
      const { page } = await open(path, { width, javaScript: false });
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      shots.push((await page.screenshot({ fullPage: false })).toString('base64'));
    }
    const context = await e2e.newContext({ viewport: { width: 1280 + 375 + 72, height: 900 + 48 } });
    const page = await context.newPage();
    await page.setContent(
      `<body style="margin:0;background:#cbd2d9;display:flex;gap:24px;padding:24px;align-items:flex-start">${shots.map((s) => `<img alt="" src="data:image/png;base64,${s}" style="box-shadow:0 2px 8px #0003">`).join('')}</body>`,
    );
    const out = join(SCREENSHOTS, file);
    const png = await page.screenshot({ path: out });
    // The PNG header's width: both shots made it into the picture.
    expect(png.readUInt32BE(16)).toBe(1280 + 375 + 72);
    if (process.env.PASOKH_UPDATE_DOCS === '1') copyFileSync(out, join(ROOT, 'docs', file));
  }

  it('pictures /help and a Persian answer at desktop and phone widths', async () => {
    await sideBySide('/help', 'help-centre.png');
    await sideBySide(`/help/fa/${FA_SLUG}`, 'help-centre-fa.png');
  });
});

describe('the widget’s article view', () => {
  it.each([
    { path: '/', locale: 'en-US', open: 'Open help', query: 'refund', link: 'Open in help centre' },
    { path: '/fa', locale: 'fa-IR', open: 'بازکردن راهنما', query: 'مرجوع', link: 'بازکردن در مرکز راهنما' },
  ])('links an answer to its help-centre page ($locale)', async ({ path, locale, open: openLabel, query, link }) => {
    const context = await e2e.newContext({ locale });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}${path}`);
    await page.getByRole('button', { name: openLabel }).click();
    await page.getByRole('searchbox').fill(query);
    const result = page.locator('pasokh-widget').getByRole('link').first();
    await result.click();
    const title = (await page.locator('pasokh-widget').locator('.article-title').textContent())?.trim() ?? '';
    const anchor = page.locator('pasokh-widget').getByRole('link', { name: link });
    const href = (await anchor.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${e2e.server.url}/help/[^/?]+\\?site=default$`));
    const answer = await context.newPage();
    await answer.goto(href);
    await expect(answer.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(title);
    expect(answer.url()).not.toBe(href);
  });
});
