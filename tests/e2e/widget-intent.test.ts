/**
 * Page-load cost: a page view whose visitor never reaches for the help downloads the loader and
 * the site's config only — the panel and the FAQ come on intent (a pointer over the launcher, or
 * focus on it). A click still gives a focused search box within 150 ms.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support.js';

const e2e = useServerAndBrowser();

/** Paths the page requested from the Pasokh server, in order. */
function recordRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => paths.push(new URL(request.url()).pathname));
  return paths;
}

const onIntent = (path: string) => path.startsWith('/widget/app-') || path === '/api/faq';

describe('what the widget downloads before and on intent', () => {
  it('fetches neither the panel nor the FAQ while the visitor does not reach for the launcher', async () => {
    const context = await e2e.newContext();
    const page = await context.newPage();
    const paths = recordRequests(page);
    await page.goto(`${e2e.server.url}/`, { waitUntil: 'load' });
    const launcher = page.getByRole('button', { name: 'Open help' });
    await launcher.waitFor();
    // Longer than the old idle callback ever waited.
    await page.waitForTimeout(2000);
    expect(paths).toContain('/pasokh.js');
    expect(paths).toContain('/api/widget-config');
    expect(paths.filter(onIntent)).toEqual([]);

    await launcher.hover();
    await expect.poll(() => paths.filter(onIntent).length).toBe(2);
  });

  it('fetches them when the launcher gets keyboard focus', async () => {
    const context = await e2e.newContext();
    const page = await context.newPage();
    const paths = recordRequests(page);
    await page.goto(`${e2e.server.url}/`, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Open help' }).focus();
    await expect.poll(() => paths.filter(onIntent).length).toBe(2);
  });

  it('gives a focused search box within 150 ms of a click that nothing announced', async () => {
    const times: number[] = [];
    // The best of three fresh pages: on a shared two-core machine one page can wait for a CPU.
    for (let run = 0; run < 3; run++) {
      const context = await e2e.newContext();
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/`, { waitUntil: 'load' });
      const launcher = page.getByRole('button', { name: 'Open help' });
      const box = await launcher.boundingBox();
      if (!box) throw new Error('the launcher has no box');
      // From the pointer going down (the hover comes with it, as on a touch screen) to a
      // search box that takes keys: rendered, visible and focused. Timed inside the page.
      await page.evaluate(() => {
        const timing = ((window as unknown as { timing: { start: number; ready: number } }).timing = { start: 0, ready: 0 });
        document.addEventListener('pointerdown', () => (timing.start = performance.now()), { capture: true, once: true });
        const check = () => {
          const root = document.querySelector('pasokh-widget')?.shadowRoot;
          const input = root?.querySelector<HTMLElement>('input[type=search]');
          if (timing.start && input?.offsetParent && root?.activeElement === input) timing.ready = performance.now();
          else requestAnimationFrame(check);
        };
        check();
      });
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const timing = await page.waitForFunction(() => {
        const { start, ready } = (window as unknown as { timing: { start: number; ready: number } }).timing;
        return ready && ready - start;
      });
      times.push((await timing.jsonValue()) as number);
      await page.keyboard.type('refund');
      await page.getByRole('searchbox', { name: 'Search' }).waitFor();
      expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('refund');
      await context.close();
    }
    expect(
      Math.min(...times),
      `click to focused search box, ms: ${times.map((t) => t.toFixed(0)).join(', ')}`,
    ).toBeLessThanOrEqual(150);
  });
});
