/**
 * The two plain HTTP requests that once stopped the whole server: an Engine.IO long-polling
 * handshake with `Origin: null` (sandboxed iframes and file:// pages send it), then a
 * Socket.IO CONNECT to /agent on that session. Run against the real `pasokh serve` process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freePort, startServerChild, type ServerChild } from '../../bench/lib/server-process.js';

let dataDir: string;
let server: ServerChild;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pasokh-origin-null-'));
  server = await startServerChild({ port: await freePort(), dataDir });
});
afterEach(async () => {
  await server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

it('survives a long-polling handshake with Origin: null followed by a CONNECT to /agent', async () => {
  const base = `${server.url}/socket.io/?EIO=4&transport=polling`;
  const open = await fetch(base, { headers: { origin: 'null' } });
  const body = await open.text();
  const sid = /"sid":"([^"]+)"/.exec(body)?.[1];
  if (sid) {
    // Engine.IO accepted the session: the CONNECT must be refused, not crash the process.
    const connect = await fetch(`${base}&sid=${sid}`, { method: 'POST', headers: { origin: 'null', 'content-type': 'text/plain;charset=UTF-8' }, body: '40/agent,' });
    expect(connect.status).toBe(200);
    const answer = await (await fetch(`${base}&sid=${sid}`, { headers: { origin: 'null' }, signal: AbortSignal.timeout(5000) })).text();
    expect(answer).toMatch(/^44\/agent,/);
  } else {
    expect(open.status).toBe(403);
  }
  await new Promise((r) => setTimeout(r, 300));
  expect(server.alive(), server.output()).toBe(true);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
