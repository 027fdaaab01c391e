/**
 * What crosses the wire: a real HTTP GET to a running server, counting the body bytes as sent
 * (before any decompression), so a compressed response weighs what it weighs on the network.
 * Shared by `npm run bench:size` and the wire-size test.
 */
import { request } from 'node:http';

/** What a current browser sends. */
export const BROWSER_ENCODINGS = 'br, gzip';

export interface Wire {
  status: number;
  /** Body bytes as sent (headers not counted). */
  bytes: number;
  encoding: string | null;
  vary: string | null;
}

/** GETs `url` and counts the bytes of the body as they arrive. */
export function wireSize(
  url: string,
  acceptEncoding: string = BROWSER_ENCODINGS,
  headers: Record<string, string> = {},
): Promise<Wire> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': acceptEncoding, ...headers } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          bytes,
          encoding: (response.headers['content-encoding'] as string | undefined) ?? null,
          vary: (response.headers.vary as string | undefined) ?? null,
        }),
      );
      response.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${url} took over 10 s`)));
    req.end();
  });
}

/** The widget's files by job, as named in dist/widget/.vite/manifest.json. */
export interface WidgetFiles {
  app: string;
  chat: string;
  article: string;
  /** fuse.js with the other keyboard layout (`widget/search/typos.ts`). */
  fuse: string;
}

/** Every response a visitor of `site` may download, by when it is downloaded. */
export async function widgetWire(url: string, files: WidgetFiles, site = 'default', acceptEncoding = BROWSER_ENCODINGS) {
  const get = (path: string) => wireSize(`${url}${path}`, acceptEncoding);
  const [loader, config, app, faq, chat, article, fuse] = await Promise.all([
    get('/pasokh.js'),
    get(`/api/widget-config?site=${site}`),
    get(`/widget/${files.app}`),
    get(`/api/faq?site=${site}`),
    get(`/widget/${files.chat}`),
    get(`/widget/${files.article}`),
    get(`/widget/${files.fuse}`),
  ]);
  return {
    /** Every page view: the loader and the site's config. */
    pageLoad: { loader, config, bytes: loader.bytes + config.bytes },
    /** On intent (pointer over or focus on the launcher): the panel and the FAQ. */
    onIntent: { app, faq, bytes: app.bytes + faq.bytes },
    later: { chat, article, fuse },
  };
}
