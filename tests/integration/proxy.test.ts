/**
 * Behind a reverse proxy the limits key on the real client: taken from X-Forwarded-For only as
 * far as the configured proxies vouch for it, so a client cannot choose its own address.
 */
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function guess(forwardedFor: string, password = 'wrong-password'): Promise<number> {
  return fetch(`${h!.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ email: ADMIN.email, password }),
  }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });
}

/** Connects a visitor as if forwarded for `client`; resolves with "ok" or the refusal code. */
function visitorFrom(client: string): Promise<string> {
  const socket = io(`${h!.url}/visitor`, {
    auth: { site: 'default' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { 'x-forwarded-for': client },
  });
  return new Promise<string>((resolve) => {
    socket.once('connect', () => resolve('ok'));
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? error.message));
  }).finally(() => socket.disconnect());
}

describe('the sign-in limit behind proxies', () => {
  it('ignores X-Forwarded-For when no proxy is trusted: changing it does not reset the count', async () => {
    h = await startHarness({ deps: { limits: { loginsPer15m: 5 } } });
    for (let i = 0; i < 5; i++) expect(await guess(`198.51.100.${i}`)).toBe(401);
    expect(await guess('198.51.100.77', ADMIN.password)).toBe(429);
  });

  it('with one trusted hop, limits two forwarded clients separately, and an entry the client prepends changes nothing', async () => {
    h = await startHarness({ env: { PASOKH_TRUST_PROXY: '1' }, deps: { limits: { loginsPer15m: 5 } } });
    // The proxy appends the address it saw; whatever the client wrote before it is not trusted.
    for (let i = 0; i < 5; i++) expect(await guess(`10.9.9.${i}, 203.0.113.1`)).toBe(401);
    expect(await guess('10.9.9.99, 203.0.113.1')).toBe(429);
    expect(await guess('203.0.113.2')).toBe(401);
    expect(await guess('203.0.113.2', ADMIN.password)).toBe(200);
  });
});

describe('the visitor connection limit behind a proxy', () => {
  it('keys on the forwarded client, so one busy client does not block the others', async () => {
    h = await startHarness({
      env: { PASOKH_TRUST_PROXY: '1' },
      deps: { limits: { connectionsPerMinute: 3, newVisitorBurstPer10m: 0 } },
    });
    for (let i = 0; i < 3; i++) expect(await visitorFrom('203.0.113.1')).toBe('ok');
    expect(await visitorFrom('203.0.113.1')).toBe('rate_limited');
    expect(await visitorFrom('203.0.113.2')).toBe('ok');
  });

  it('keys on the socket address when no proxy is trusted, whatever X-Forwarded-For says', async () => {
    h = await startHarness({ deps: { limits: { connectionsPerMinute: 3, newVisitorBurstPer10m: 0 } } });
    for (let i = 0; i < 3; i++) expect(await visitorFrom(`203.0.113.${i}`)).toBe('ok');
    expect(await visitorFrom('203.0.113.50')).toBe('rate_limited');
  });
});
