import { describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import { newClientId } from '../../protocol/client-ids.js';

const getRandomValues = ((array: Uint8Array) => webcrypto.getRandomValues(array)) as unknown as Crypto['getRandomValues'];
const insecure = { getRandomValues };

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('client ids', () => {
  it('are valid, distinct UUID v7 made from getRandomValues alone (no secure context needed)', () => {
    const ids = new Set(Array.from({ length: 500 }, () => newClientId(insecure)));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('carry the time in their first 48 bits, so ids made later sort later', () => {
    const at = Date.UTC(2026, 11, 2, 1, 30);
    const id = newClientId(insecure, at);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    const later = [at + 1, at + 1000, at + 86_400_000].map((t) => newClientId(insecure, t));
    expect([id, ...later]).toEqual([id, ...later].sort());
  });

  it('are what the browser code and the server validate', async () => {
    const { visitorMessageSendSchema } = await import('../../protocol/schemas.js');
    const v = await import('valibot');
    expect(v.safeParse(visitorMessageSendSchema, { clientId: newClientId(), text: 'hi' }).success).toBe(true);
  });
});
