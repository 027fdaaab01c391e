/**
 * The public API from a real page: the snippet's queue before the script loads, every
 * command, events, TypeErrors on misuse, shutdown forgetting the visitor, the ES-module build,
 * and the look a site sets (colour, corner, launcher label and logo, dark mode, RTL mirroring).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support.js';
import { hostPage } from './widget-support.js';

const e2e = useServerAndBrowser();

const LOGO = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect width="2" height="2" fill="gold"/></svg>')}`;

type PasokhWindow = Window & { Pasokh: (...args: unknown[]) => void; events: unknown[] };

/** Calls window.Pasokh in the page; returns the TypeError's message when it throws. */
function call(page: Page, ...args: unknown[]): Promise<string | null> {
  return page.evaluate((list) => {
    try {
      (window as unknown as PasokhWindow).Pasokh(...list);
      return null;
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  }, args);
}

const panel = (page: Page) => page.locator('pasokh-widget section');

describe('the public API in a page', () => {
  it('replays the snippet’s queued calls, boot first, with the site’s colour, corner, label and logo', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await hostPage(
      page,
      e2e.server.url,
      '/queued',
      `<!doctype html><html lang="en"><head><title>Queued</title></head><body><h1>A shop</h1>
      <script>
        window.Pasokh = window.Pasokh || function () { (Pasokh.q = Pasokh.q || []).push(arguments) };
        window.events = [];
        Pasokh('on', 'open', function () { events.push('open') });
        Pasokh('search', 'refund');
        Pasokh('boot', { site: 'default', color: '#b00020', position: 'left', label: 'Questions?', logo: ${JSON.stringify(LOGO)} });
      </script>
      <script async src="/pasokh.js"></script></body></html>`,
    );
    await page.goto(`${e2e.server.url}/queued`);
    await page
      .locator('pasokh-widget')
      .getByRole('link', { name: /refund/i })
      .first()
      .waitFor({ timeout: 10_000 });
    await expect.poll(() => page.evaluate(() => (window as unknown as PasokhWindow).events)).toEqual(['open']);

    const launcher = page.getByRole('button', { name: 'Open help' });
    const look = await launcher.evaluate((button) => ({
      background: getComputedStyle(button).backgroundColor,
      label: getComputedStyle(button, '::after').content,
      logo: button.querySelector('img')?.src.startsWith('data:image/svg+xml') ?? false,
    }));
    expect(look).toEqual({ background: 'rgb(176, 0, 32)', label: '"Questions?"', logo: true });
    const box = (await launcher.boundingBox())!;
    expect(box.x).toBe(20);
    expect(box.width).toBeGreaterThan(100); // a pill with its label, not the 56 px circle
    const panelBox = (await panel(page).boundingBox())!;
    expect(panelBox.x).toBe(20); // the panel opens above the launcher, on the left
    await context.close();
  });

  it('opens, closes, toggles, searches, switches to Persian, identifies and reports events', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/`);
    await page.waitForFunction(() => (window as unknown as { Pasokh?: { loaded?: boolean } }).Pasokh?.loaded);
    await page.evaluate(() => {
      const win = window as unknown as PasokhWindow;
      win.events = [];
      for (const name of ['open', 'close']) win.Pasokh('on', name, () => win.events.push(name));
    });

    expect(await call(page, 'open')).toBeNull();
    await panel(page).waitFor();
    expect(await call(page, 'close')).toBeNull();
    await panel(page).waitFor({ state: 'hidden' });
    expect(await call(page, 'toggle')).toBeNull();
    await panel(page).waitFor();
    expect(await call(page, 'toggle')).toBeNull();
    await panel(page).waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as PasokhWindow).events))
      .toEqual(['open', 'close', 'open', 'close']);

    expect(await call(page, 'search', 'refund')).toBeNull();
    await panel(page)
      .getByRole('link', { name: /refund/i })
      .first()
      .waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('refund');

    expect(await call(page, 'identify', { id: 'user-1', hash: 'a'.repeat(64), name: 'Sara' })).toBeNull();

    expect(await call(page, 'setLocale', 'fa')).toBeNull();
    const search = page.getByRole('searchbox', { name: 'جستجو' });
    await search.waitFor();
    expect(await panel(page).getAttribute('dir')).toBe('rtl');
    expect(await page.getByRole('button', { name: 'بازکردن راهنما' }).count()).toBe(1);
    // Logical properties mirror the panel: the search icon sits at the input's right edge, the
    // close button left of the title.
    const icon = (await panel(page).locator('.box svg').boundingBox())!;
    const input = (await search.boundingBox())!;
    expect(icon.x).toBeGreaterThan(input.x + input.width / 2);
    const close = (await page.getByRole('button', { name: 'بستن' }).boundingBox())!;
    const title = (await panel(page).locator('h2').boundingBox())!;
    expect(close.x).toBeLessThan(title.x);
    await context.close();
  });

  it('throws a TypeError with a sentence a developer can act on for each misuse', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/`);
    await page.waitForFunction(() => (window as unknown as { Pasokh?: { loaded?: boolean } }).Pasokh?.loaded);
    expect(await call(page, 'opne')).toMatch(/^TypeError: Pasokh: unknown command "opne"; use one of boot,on,off,open/);
    expect(await call(page, 'search', 42)).toBe('TypeError: Pasokh: search needs a string.');
    expect(await call(page, 'setLocale', 'de')).toBe('TypeError: Pasokh: locale must be "en" or "fa".');
    expect(await call(page, 'on', 'opened', 'not a function')).toMatch(/^TypeError: Pasokh: on needs an event/);
    expect(await call(page, 'identify', { name: 'Sara' })).toBe('TypeError: Pasokh: identify needs { id }.');
    expect(await call(page, 'boot', { site: 'default', position: 'top' })).toBe(
      'TypeError: Pasokh: position must be "right" or "left".',
    );
    await context.close();
  });

  it('follows the visitor’s dark colour scheme', async () => {
    const context = await e2e.browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/`);
    await page.getByRole('button', { name: 'Open help' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).waitFor();
    expect(await panel(page).evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(17, 24, 39)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await panel(page).evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(255, 255, 255)');
    await context.close();
  });

  it('removes the widget and forgets the visitor on shutdown', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/`);
    await page.getByRole('button', { name: 'Open help' }).click();
    await page.getByRole('button', { name: 'Talk to a person' }).click();
    // The chat connected and the server gave this browser a visitor token.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('pasokh:default:token')), { timeout: 10_000 }).toBeTruthy();

    expect(await call(page, 'shutdown')).toBeNull();
    expect(await page.locator('pasokh-widget').count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('pasokh:default:'))))
      .toEqual([]);
    // Booting again starts a fresh widget.
    expect(await call(page, 'boot', { site: 'default' })).toBeNull();
    await page.getByRole('button', { name: 'Open help' }).waitFor();
    await context.close();
  });

  it('offers the same API as an ES module for single-page apps', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await hostPage(
      page,
      e2e.server.url,
      '/spa',
      `<!doctype html><html lang="en"><head><title>SPA</title></head><body><div id="app">An app</div>
      <script type="module">
        import * as Pasokh from '/widget/pasokh.mjs';
        window.PasokhModule = Pasokh;
        window.events = [];
        Pasokh.on('open', () => events.push('open'));
        Pasokh.boot({ site: 'default' });
      </script></body></html>`,
    );
    await page.goto(`${e2e.server.url}/spa`);
    await page.getByRole('button', { name: 'Open help' }).waitFor();
    const exported = await page.evaluate(() => Object.keys((window as unknown as { PasokhModule: object }).PasokhModule).sort());
    expect(exported).toEqual(['boot', 'close', 'identify', 'off', 'on', 'open', 'search', 'setLocale', 'shutdown', 'toggle']);
    const misuse = await page.evaluate(() => {
      try {
        (window as unknown as { PasokhModule: { setLocale(locale: string): void } }).PasokhModule.setLocale('de');
        return null;
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(misuse).toBe('TypeError');
    await page.evaluate(() =>
      (window as unknown as { PasokhModule: { search(query: string): void } }).PasokhModule.search('refund'),
    );
    await panel(page)
      .getByRole('link', { name: /refund/i })
      .first()
      .waitFor();
    await expect.poll(() => page.evaluate(() => (window as unknown as PasokhWindow).events)).toEqual(['open']);
    expect(await page.evaluate(() => 'Pasokh' in window)).toBe(false);
    await context.close();
  });
});
