/**
 * Ending a session ends its sockets within 2 s, whoever ends it: a logout on this server, or
 * `pasokh agent disable` run as another process against the same SQLite file while the server
 * runs.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type AgentSocket, type Harness } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Resolves with the ms from now until the socket is disconnected by the server. */
function disconnectedWithin(socket: AgentSocket, ms: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    if (!socket.connected) return resolvePromise(0);
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      if (reason !== 'io server disconnect') return reject(new Error(`disconnected by "${reason}", not by the server`));
      resolvePromise(Date.now() - started);
    });
  });
}

describe('session revocation', () => {
  it('disconnects an agent within 2 s of `pasokh agent disable` run as another process', async () => {
    h = await startHarness();
    const cookie = await h.addAgent('sam@example.com', 'Sam');
    const socket = await h.agent(cookie);
    const errors: { code: string }[] = [];
    socket.on('error', (error) => errors.push(error));
    const { socket: visitor } = await h.visitor();
    const sent = await visitor.timeout(5000).emitWithAck('message:send', { clientId: 'before-disable-1', text: 'hello' });
    expect(sent.ok).toBe(true);

    const cli = await run(process.execPath, [join(ROOT, 'bin/pasokh.js'), 'agent', 'disable', 'sam@example.com'], {
      cwd: ROOT,
      env: { ...process.env, PASOKH_DATA: h.dataDir, LOG_LEVEL: 'silent' },
      timeout: 30_000,
    });
    expect(cli.stdout).toContain('Disabled sam@example.com.');

    const took = await disconnectedWithin(socket, 2000);
    expect(took).toBeLessThanOrEqual(2000);
    expect(errors).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
    // The cookie no longer opens a socket either.
    await expect(h.agent(cookie)).rejects.toThrow(/Sign in first/);
  }, 60_000);

  it('refuses the next event of a socket whose agent was disabled, before the sweep comes round', async () => {
    h = await startHarness();
    const cookie = await h.addAgent('kim@example.com', 'Kim');
    const socket = await h.agent(cookie);
    const { socket: visitor } = await h.visitor();
    const sent = await visitor.timeout(5000).emitWithAck('message:send', { clientId: 'before-disable-2', text: 'hello' });
    if (!sent.ok) throw new Error(sent.error.message);
    const agent = await h.store.findAgentByEmail('kim@example.com');
    await h.store.updateAgent(agent!.id, { disabled: true });
    // The session check caches for at most 1 s; past that, the next event must be refused.
    await new Promise((r) => setTimeout(r, 1100));
    const reply = await socket
      .timeout(2000)
      .emitWithAck('message:send', { conversationId: sent.conversationId, clientId: 'after-disable-1', text: 'still here?' })
      .catch(() => ({ ok: false as const, error: { code: 'disconnected', message: '' } }));
    expect(reply.ok).toBe(false);
    expect(await h.store.listMessages(sent.conversationId, { includeInternal: true })).toHaveLength(1);
  }, 30_000);

  it('disconnects the sockets of a session at once on POST /api/logout, and leaves the agent’s other sessions alone', async () => {
    h = await startHarness();
    const cookie = await h.login();
    const other = await h.login();
    const socket = await h.agent(cookie);
    const otherSocket = await h.agent(other);
    const disconnected = disconnectedWithin(socket, 2000);

    const response = await fetch(`${h.url}/api/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: h.url },
      body: '{}',
    });
    expect(response.status).toBe(200);

    expect(await disconnected).toBeLessThanOrEqual(2000);
    await new Promise((r) => setTimeout(r, 1200)); // a sweep has come round since
    expect(otherSocket.connected).toBe(true);
    const status = await otherSocket.timeout(2000).emitWithAck('status:set', { status: 'away' });
    expect(status.ok).toBe(true);
  }, 30_000);
});
