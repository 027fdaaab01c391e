/**
 * Large response bodies that change only with a new version (the FAQ search payload, read on
 * every page view that opens the widget) are compressed once per version at the best settings,
 * instead of once per request at the fast ones @fastify/compress uses for everything else.
 */
import negotiate from '@fastify/accept-negotiator';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Brotli first: about a fifth smaller than gzip on JSON. */
const SUPPORTED: Encoding[] = ['br', 'gzip'];
/** Versions kept: one per site and locale set is plenty; the oldest goes first. */
const MAX_VERSIONS = 64;

export interface Encoded {
  body: Buffer | string;
  /** Unset when the client accepts neither (the body is then the original text). */
  encoding?: Encoding;
}

export interface CompressedBodies {
  /** `body` in the best encoding `acceptEncoding` allows; `key` must change whenever `body` does. */
  encode(key: string, body: string, acceptEncoding: string | undefined): Encoded;
}

const compress: Record<Encoding, (body: string) => Buffer> = {
  br: (body) =>
    brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body) },
    }),
  gzip: (body) => gzipSync(body, { level: 9 }),
};

export function createCompressedBodies(): CompressedBodies {
  const cache = new Map<string, Buffer>();
  return {
    encode(key, body, acceptEncoding) {
      const encoding = acceptEncoding ? negotiate(acceptEncoding, SUPPORTED) : null;
      if (!encoding) return { body };
      const cacheKey = `${encoding}\n${key}`;
      let compressed = cache.get(cacheKey);
      if (!compressed) {
        compressed = compress[encoding](body);
        if (cache.size >= 2 * MAX_VERSIONS) cache.delete(cache.keys().next().value!);
        cache.set(cacheKey, compressed);
      }
      return { body: compressed, encoding };
    },
  };
}
