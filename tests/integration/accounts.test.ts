/**
 * Agent accounts in the first hour: a server with nobody to sign in as says how to create the
 * first admin (in the log and on the sign-in page); agents change their own name and password;
 * a changed PASOKH_ADMIN_PASSWORD on restart is not silently ignored.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_AGENTS_HINT, ensureAdmin } from '../../server/auth/agents.js';
import { verifyPassword } from '../../server/auth/passwords.js';
import { loadConfig } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { createSqliteStore } from '../../server/store/index.js';
import { ADMIN, startHarness, type Harness } from './harness.js';

/** A pino logger whose lines land in `lines`. */
function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function harness(): Promise<Harness> {
  const h = await startHarness();
  cleanups.push(() => h.stop());
  return h;
}

describe('the first admin', () => {
  it('logs once, at start, how to create the first admin when there are no agents', async () => {
    const { logger, lines } = capturingLogger();
    const config = loadConfig({ PASOKH_DATA: mkdtempSync(join(tmpdir(), 'pasokh-acc-')), PORT: '0', HOST: '127.0.0.1' });
    const server: RunningServer = await startServer(config, { logger });
    cleanups.push(() => server.stop());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.filter((line) => line.msg === NO_AGENTS_HINT)).toHaveLength(1);
    expect(NO_AGENTS_HINT).toContain('PASOKH_ADMIN_EMAIL');
    expect(NO_AGENTS_HINT).toContain('pasokh agent add');
    const setup = await fetch(`http://127.0.0.1:${server.port}/api/setup`).then((r) => r.json());
    expect(setup).toEqual({ hasAgents: false });
  });

  it("takes the first admin's name from PASOKH_ADMIN_NAME, and refuses a changed PASOKH_ADMIN_PASSWORD with a warning", async () => {
    const store = await createSqliteStore({ file: join(mkdtempSync(join(tmpdir(), 'pasokh-acc-')), 'pasokh.db') });
    cleanups.push(() => store.close());
    const { logger, lines } = capturingLogger();
    await ensureAdmin(store, { email: 'owner@example.com', password: 'first password', name: 'Nasrin' }, logger);
    expect((await store.findAgentByEmail('owner@example.com'))?.name).toBe('Nasrin');

    await ensureAdmin(store, { email: 'owner@example.com', password: 'first password' }, logger);
    expect(lines.filter((line) => line.level === 40)).toHaveLength(0);

    await ensureAdmin(store, { email: 'owner@example.com', password: 'a new password' }, logger);
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain('PASOKH_ADMIN_PASSWORD');
    expect(warnings[0]!.msg).toContain('pasokh agent passwd owner@example.com');
    const admin = await store.findAgentByEmail('owner@example.com');
    expect(await verifyPassword('first password', admin!.passwordHash)).toBe(true);
  });
});

describe("an agent's own account", () => {
  it('changes its display name', async () => {
    const h = await harness();
    const cookie = await h.login();
    const renamed = await fetch(`${h.url}/api/me`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '  Ada L.  ' }),
    });
    expect(renamed.status).toBe(200);
    const me = (await fetch(`${h.url}/api/me`, { headers: { cookie } }).then((r) => r.json())) as { agent: { name: string } };
    expect(me.agent.name).toBe('Ada L.');
    const empty = await fetch(`${h.url}/api/me`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: ' ' }),
    });
    expect(empty.status).toBe(400);
  });

  it('changes its password only with the current one, keeps this session and signs out the others', async () => {
    const h = await harness();
    const cookie = await h.login();
    const other = await h.login();
    const change = (current: string, password: string) =>
      fetch(`${h.url}/api/me/password`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ current, password }),
      });

    expect((await change('not it at all', 'a brand new password')).status).toBe(403);
    expect((await change(ADMIN.password, 'short')).status).toBe(400);
    const changed = await change(ADMIN.password, 'a brand new password');
    expect(changed.status).toBe(200);

    // The browser that changed it stays signed in (its open console keeps its socket); the others are out.
    expect((await fetch(`${h.url}/api/me`, { headers: { cookie: other } })).status).toBe(401);
    expect((await fetch(`${h.url}/api/me`, { headers: { cookie } })).status).toBe(200);
    await expect(h.login(ADMIN.email, ADMIN.password)).rejects.toThrow(/401/);
    await expect(h.login(ADMIN.email, 'a brand new password')).resolves.toMatch(/=/);
  });

  it('says on the setup route that agents exist', async () => {
    const h = await harness();
    expect(await fetch(`${h.url}/api/setup`).then((r) => r.json())).toEqual({ hasAgents: true });
  });
});
