/**
 * The Engine.IO gate: a polling or WebSocket session is refused before it exists when the page's
 * origin is neither allowed by a site nor this server's own.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { PASOKH_ALLOWED_ORIGINS: 'https://shop.example' } });
});
afterAll(async () => {
  await h.stop();
});

async function pollingHandshake(origin?: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${h.url}/socket.io/?EIO=4&transport=polling`, {
    headers: origin === undefined ? {} : { origin },
  });
  return { status: response.status, body: await response.text() };
}

/** A raw WebSocket upgrade: resolves with `101` when accepted, else the refusal's status and body. */
function websocketHandshake(origin?: string): Promise<string> {
  const { hostname, port } = new URL(h.url);
  return new Promise((resolve, reject) => {
    const req = request({
      hostname,
      port,
      path: '/socket.io/?EIO=4&transport=websocket',
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-version': '13',
        ...(origin === undefined ? {} : { origin }),
      },
    });
    req.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve('101');
    });
    req.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(`${response.statusCode} ${body}`));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the Engine.IO origin gate', () => {
  it('refuses a polling handshake from an origin no site allows, and from Origin: null', async () => {
    for (const origin of ['https://evil.example', 'null', 'not a url', 'https://shop.example.evil.example']) {
      const refused = await pollingHandshake(origin);
      expect(refused.status, origin).toBe(403);
      expect(JSON.parse(refused.body), origin).toMatchObject({ message: 'origin_not_allowed' });
    }
  });

  it('gives a polling session to an allowed origin, the server’s own origin, and a client without Origin', async () => {
    for (const origin of ['https://shop.example', h.url, undefined]) {
      const accepted = await pollingHandshake(origin);
      expect(accepted.status, String(origin)).toBe(200);
      expect(accepted.body, String(origin)).toMatch(/"sid":"/);
    }
  });

  it('refuses a WebSocket handshake from an origin no site allows, and from Origin: null', async () => {
    // Engine.IO answers every refused upgrade with 400 and the reason as the body.
    expect(await websocketHandshake('https://evil.example')).toBe('400 origin_not_allowed');
    expect(await websocketHandshake('null')).toBe('400 origin_not_allowed');
  });

  it('upgrades a WebSocket handshake from an allowed origin, the server’s own, and without Origin', async () => {
    expect(await websocketHandshake('https://shop.example')).toBe('101');
    expect(await websocketHandshake(h.url)).toBe('101');
    expect(await websocketHandshake(undefined)).toBe('101');
  });
});
