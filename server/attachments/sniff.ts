/**
 * What a file is, decided by its first bytes (its "magic number"), never by its name or the
 * type a browser claims: a page renamed to .png stays refused. Only the types Pasokh takes are
 * listed; five fixed signatures do not need a file-type library and its dependencies.
 */
import type { AttachmentMime } from '../../protocol/attachments.js';

interface Signature {
  mime: AttachmentMime;
  /** Bytes expected at `offset`; null matches any byte. */
  bytes: readonly (number | null)[];
  offset?: number;
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  { mime: 'image/png', bytes: [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/gif', bytes: ascii('GIF87a') },
  { mime: 'image/gif', bytes: ascii('GIF89a') },
  // RIFF, four bytes of length, then WEBP.
  { mime: 'image/webp', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { mime: 'application/pdf', bytes: ascii('%PDF-') },
];

function matches(bytes: Uint8Array, signature: Signature): boolean {
  const offset = signature.offset ?? 0;
  if (bytes.length < offset + signature.bytes.length) return false;
  return signature.bytes.every((expected, i) => expected === null || bytes[offset + i] === expected);
}

/** The type the content shows, or null when it is none of the types taken. */
export function sniffMime(bytes: Uint8Array): AttachmentMime | null {
  return SIGNATURES.find((signature) => matches(bytes, signature))?.mime ?? null;
}
