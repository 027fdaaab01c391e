/**
 * Client ids for the outbox. `crypto.randomUUID` exists only in secure contexts (https or
 * localhost); a site served over plain http still needs unique ids, so fall back to
 * getRandomValues, which works everywhere.
 */
export function newClientId(cryptoImpl: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof cryptoImpl.randomUUID === 'function') {
    try {
      return cryptoImpl.randomUUID();
    } catch {
      // Some browsers define it but throw outside a secure context.
    }
  }
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(16));
  // RFC 4122 version 4 layout, so the server cannot tell the two paths apart.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
