/**
 * What a visitor's browser actually downloads from a real server over real HTTP, with
 * `Accept-Encoding: br, gzip`: built assets go out precompressed, JSON compressed, every choice
 * marked `Vary: Accept-Encoding`; a page view that never reaches for the widget costs the loader
 * and the config only. Needs the build (`npm run build`; `npm test` builds first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetWire, wireSize, type WidgetFiles } from '../../bench/lib/wire.js';
import { startHarness, type Harness } from './harness.js';

const WIDGET = resolve(import.meta.dirname, '../../dist/widget');
const KB = 1024;

function builtFiles(): WidgetFiles {
  const manifestPath = join(WIDGET, '.vite/manifest.json');
  if (!existsSync(manifestPath)) throw new Error('dist/widget is not built: run `npm run build` first (`npm test` does).');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string }>;
  const of = (src: string) => manifest[src]!.file;
  return {
    app: of('widget/app/main.tsx'),
    chat: of('widget/app/chat-panel.tsx'),
    article: of('widget/app/article-chunk.ts'),
    fuse: of('widget/search/typos.ts'),
  };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('bytes on the wire', () => {
  it('sends every widget file brotli-compressed to a browser that accepts it, with Vary: Accept-Encoding', async () => {
    const files = builtFiles();
    const wire = await widgetWire(h.url, files);
    for (const [name, response] of Object.entries({ ...wire.pageLoad, ...wire.onIntent, ...wire.later })) {
      if (typeof response === 'number' || name === 'config') continue;
      expect(response.status, name).toBe(200);
      expect(response.encoding, name).toBe('br');
      expect(response.vary?.toLowerCase(), name).toContain('accept-encoding');
    }
    const raw = readFileSync(join(WIDGET, files.app)).length;
    expect(wire.onIntent.app.bytes).toBeLessThan(raw / 2);
    expect(wire.pageLoad.loader.bytes).toBeLessThanOrEqual(2 * KB);
  });

  it('keeps what a page view that never opens the widget downloads within 30 KB', async () => {
    const wire = await widgetWire(h.url, builtFiles());
    expect(wire.pageLoad.bytes).toBeLessThanOrEqual(30 * KB);
  });

  it('compresses the FAQ payload, and still serves plain JSON to a client that asks for none', async () => {
    const compressed = await wireSize(`${h.url}/api/faq?site=default`, 'br, gzip');
    const gzip = await wireSize(`${h.url}/api/faq?site=default`, 'gzip');
    const plain = await wireSize(`${h.url}/api/faq?site=default`, 'identity');
    expect(compressed.encoding).toBe('br');
    expect(gzip.encoding).toBe('gzip');
    expect(plain.encoding).toBeNull();
    expect(compressed.vary?.toLowerCase()).toContain('accept-encoding');
    // As small as brotli at its best makes the body, whatever the body's own redundancy (the
    // index is written compactly already, so plain JSON no longer shrinks threefold).
    const body = await fetch(`${h.url}/api/faq?site=default`, { headers: { 'accept-encoding': 'identity' } }).then((r) =>
      r.text(),
    );
    const best = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    expect(compressed.bytes).toBeLessThanOrEqual(best);
    expect(compressed.bytes).toBeLessThan(plain.bytes / 2);
    expect(compressed.bytes).toBeLessThan(gzip.bytes);
    const parsed = await fetch(`${h.url}/api/faq?site=default`).then((response) => response.json() as Promise<{ site: string }>);
    expect(parsed.site).toBe('default');
  });

  it('serves the loader gzip-compressed to a client without brotli, and plain to one with neither', async () => {
    const gzip = await wireSize(`${h.url}/pasokh.js`, 'gzip');
    const plain = await wireSize(`${h.url}/pasokh.js`, '');
    expect(gzip.encoding).toBe('gzip');
    expect(plain.encoding).toBeNull();
    expect(plain.bytes).toBe(readFileSync(join(WIDGET, 'pasokh.js')).length);
    expect(gzip.bytes).toBeLessThan(plain.bytes);
  });

  it('compresses the console page and the demo page', async () => {
    const consolePage = await wireSize(`${h.url}/console`);
    expect(consolePage.status).toBe(200);
    expect(consolePage.encoding).toBe('br');
    const demo = await wireSize(`${h.url}/`);
    expect(demo.status).toBe(200);
    expect(demo.encoding).toBe('br');
    expect(demo.vary?.toLowerCase()).toContain('accept-encoding');
  });
});
