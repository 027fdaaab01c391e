/**
 * A site owner pastes the snippet on a page whose origin the site does not allow: the panel says
 * help is not set up here (no search, no chat), the page hears `pasokh:error` with the code
 * `origin_not_allowed`, and the server log names the origin and the setting once.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support.js';
import { docScreenshot } from './doc-screenshot.js';

const e2e = useServerAndBrowser();

/**
 * A real page server on another port of 127.0.0.1: another origin than the Pasokh server's. (A
 * page fulfilled by a Playwright route has no address, and Chromium then keeps it from reaching
 * a loopback server at all.)
 */
async function blogServer(
  serverUrl: string,
): Promise<{ origin: string; url: (lang: 'en' | 'fa') => string; close(): Promise<void> }> {
  const html = (
    lang: string,
  ) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Blog</title></head><body><p>A blog</p>
<script>window.errors = []; addEventListener('pasokh:error', (event) => errors.push(event.detail));</script>
<script async src="${serverUrl}/pasokh.js" data-site="default"></script></body></html>`;
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html(request.url?.includes('fa') ? 'fa' : 'en'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, url: (lang) => `${origin}/${lang}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let blog: Awaited<ReturnType<typeof blogServer>>;
beforeAll(async () => {
  blog = await blogServer(e2e.server.url);
});
afterAll(async () => {
  await blog.close();
});

describe('a page whose origin the site does not allow', () => {
  it('shows "Help isn\'t set up for this page yet", offers no chat, and fires origin_not_allowed', async () => {
    const context = await e2e.newContext({ viewport: { width: 900, height: 700 } });
    const page = await context.newPage();
    await page.goto(blog.url('en'));
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { errors: { code: string }[] }).errors.map((e) => e.code)))
      .toEqual(['origin_not_allowed']);

    await page.getByRole('button', { name: 'Open help' }).click();
    await page.getByText("Help isn't set up for this page yet.").waitFor();
    expect(await page.getByRole('button', { name: 'Talk to a person' }).count()).toBe(0);
    expect(await page.getByRole('searchbox', { name: 'Search' }).count()).toBe(0);
    // One event per page view, not one more when the panel's own request is refused too.
    expect(await page.evaluate(() => (window as unknown as { errors: unknown[] }).errors.length)).toBe(1);
    await docScreenshot(page.locator('pasokh-widget section'), 'widget-not-set-up.png');

    const warnings = e2e.server
      .output()
      .split('\n')
      .filter((line) => line.includes(blog.origin) && line.includes('allowedOrigins'));
    expect(warnings).toHaveLength(1);
  });

  it('says it in Persian on a Persian page', async () => {
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.goto(blog.url('fa'));
    await page.getByRole('button', { name: 'بازکردن راهنما' }).click();
    await page.getByText('راهنما هنوز برای این صفحه راه‌اندازی نشده است.').waitFor();
    expect(await page.getByRole('button', { name: 'گفتگو با پشتیبان' }).count()).toBe(0);
  });
});
