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
  // The two requests of the attack, sent as they are whatever the first one answers.
  const open = await fetch(base, { headers: { origin: 'null' } });
  const sid = /"sid":"([^"]+)"/.exec(await open.text())?.[1] ?? 'none';
  const connect = await fetch(`${base}&sid=${sid}`, {
    method: 'POST',
    headers: { origin: 'null', 'content-type': 'text/plain;charset=UTF-8' },
    body: '40/agent,',
  }).catch((error: unknown) => error);
  await new Promise((r) => setTimeout(r, 300));

  expect(server.alive(), server.output()).toBe(true);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  // Refused before a session existed, so the CONNECT had no session to go to.
  expect(open.status).toBe(403);
  expect(connect).toMatchObject({ status: 400 });
  expect(server.output()).not.toMatch(/unhandled rejection|uncaught exception/);
});
