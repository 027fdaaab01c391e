/**
 * Client ids for the outboxes (widget and console): the key the server deduplicates on, with
 * a unique index on (clientId, conversation). UUID version 7, so ids made around the same time
 * sort together: each commit then adds to the same few index pages instead of one page per
 * message, which the SQLite WAL writes out (and checkpoints) a page at a time. Built from
 * getRandomValues, not `crypto.randomUUID` (version 4, and only in secure contexts): a site
 * served over plain http still gets ids. Written here rather than taken from the `uuid` package
 * the server uses for row ids: that one added 391 B gzip to the widget's chat path, over half
 * of what was left of its 20 KB budget.
 * @example newClientId() // '019ae2b1-7c4e-7a31-9f0c-5b2d8e41c3aa'
 */
export function newClientId(cryptoImpl: Pick<Crypto, 'getRandomValues'> = globalThis.crypto, now: number = Date.now()): string {
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(16));
  // 48-bit big-endian Unix milliseconds, then version 7 and the RFC 9562 variant.
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(now / 2 ** (8 * (5 - i))) % 256;
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
