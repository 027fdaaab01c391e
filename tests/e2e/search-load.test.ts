/**
 * FAQ search where visitors run it: the search module as the widget ships it,
 * loading a 2,000-entry payload in real Chromium, a fresh page each time. The target is a
 * load of at most 20 ms; wall time on a shared machine also counts waiting for a CPU, so
 * the assertion is on the main thread's CPU time in the least disturbed of five fresh
 * pages, and `bench/search.ts` reports wall and CPU time, minimum, median and maximum.
 */
import { describe, expect, it } from 'vitest';
import { buildFaqPayload } from '../../server/faq/payload.js';
import { generateFaq } from '../fixtures/generate-faq.js';
import { bundleSearch, loadInChromium } from '../fixtures/search-browser.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

describe('search in Chromium', () => {
  it('keeps the search code the widget ships within 5 KB gzip, with fuse.js out of it', async () => {
    const own = await bundleSearch('widget/search/faq-search.ts', false);
    const all = await bundleSearch('widget/search/faq-search.ts', true);
    expect(own.gzip).toBeLessThanOrEqual(5120);
    // fuse.js comes with the typo matcher, in the chunk fetched on the first word the FAQ lacks.
    expect(all.gzip).toBe(own.gzip);
    expect(all.code).not.toMatch(/Bitap|ignoreLocation/);
  });

  it('loads a 2,000-entry FAQ in at most 20 ms of main-thread time and finds answers at once', async () => {
    const bundle = await bundleSearch();
    const body = buildFaqPayload('e2e', generateFaq(2000), true).body;
    // Five fresh pages, not three: single pages measure 13–32 ms on this shared VM (three sets
    // of five: least 13.1, 13.5 and 15.0 ms), and once all three of a CI run took over 20 ms.
    // The budget stays 20 ms.
    const [load] = await loadInChromium(bundle.code, [body], 5, 'بازگشت وجه');
    expect(load?.hits.length).toBeGreaterThan(0);
    expect(load?.hits.every((id) => id.startsWith('fa-'))).toBe(true);
    expect(Math.min(...(load?.loadCpuMs ?? [NaN]))).toBeLessThanOrEqual(20);
    // Once indexed in the background, a search is fast even in a page that has not warmed up.
    expect(median(load?.firstSearchMs ?? [])).toBeLessThan(50);
  });
});
