import { describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import { newClientId } from '../../widget/chat/ids.js';

type CryptoLike = Parameters<typeof newClientId>[0];
const getRandomValues = ((array: Uint8Array) => webcrypto.getRandomValues(array)) as unknown as Crypto['getRandomValues'];

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('client ids', () => {
  it('uses randomUUID where the browser offers it', () => {
    expect(newClientId({ getRandomValues, randomUUID: () => 'from-random-uuid' })).toBe('from-random-uuid');
  });

  it('makes a valid UUID v4 from getRandomValues on a page without a secure context', () => {
    const insecure: CryptoLike = { getRandomValues };
    const ids = new Set(Array.from({ length: 200 }, () => newClientId(insecure)));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it('falls back when randomUUID exists but throws', () => {
    const throwing: CryptoLike = { getRandomValues, randomUUID: () => { throw new Error('insecure'); } };
    expect(newClientId(throwing)).toMatch(UUID_V4);
  });
});
