/**
 * What a site owner gets from `npm install pasokh`: the packed tarball installed into an empty
 * folder (dependencies from npm's cache where it has them), then `npx pasokh serve`. It must run
 * the compiled server without tsx and serve the built widget. Slow: the install compiles
 * better-sqlite3 where no prebuilt binary can be fetched.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/lib/server-process.js';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'pasokh-package-'));
let server: ChildProcess | undefined;

afterAll(async () => {
  if (server?.exitCode === null) {
    const exited = new Promise((resolveExit) => server!.once('exit', resolveExit));
    // npx runs the bin as its own child: signal the group this test started, npx and server both.
    process.kill(-server.pid!, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-server!.pid!, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(work, { recursive: true, force: true });
});

async function healthy(url: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (server?.exitCode !== null) throw new Error(`pasokh serve exited with ${server?.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('pasokh serve did not answer /healthz');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the npm package', () => {
  it('installs into an empty folder and serves with `npx pasokh serve`', async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-if-stale.mjs')], { cwd: ROOT, stdio: 'pipe' });
    execFileSync('npm', ['pack', '--pack-destination', work], { cwd: ROOT, stdio: 'pipe' });
    const tarball = join(
      work,
      readdirSync(work).find((name) => name.endsWith('.tgz'))!,
    );

    const app = join(work, 'site');
    rmSync(app, { recursive: true, force: true });
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'a-site', private: true }));
    execFileSync('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: app,
      stdio: 'pipe',
      timeout: 900_000,
    });

    const installed = join(app, 'node_modules/pasokh');
    expect(existsSync(join(installed, 'dist/node/server/cli.js'))).toBe(true);
    expect(existsSync(join(installed, 'dist/widget/pasokh.js'))).toBe(true);
    expect(existsSync(join(installed, 'dist/console/index.html'))).toBe(true);
    expect(existsSync(join(installed, 'demo/faq.json'))).toBe(true);
    // Only compiled code ships, and nothing in production needs tsx.
    expect(existsSync(join(installed, 'server'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = spawn('npx', ['--no-install', 'pasokh', 'serve'], {
      cwd: app,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PASOKH_DATA: join(work, 'data'), LOG_LEVEL: 'warn' },
      stdio: 'ignore',
      detached: true,
    });
    await healthy(url, 60_000);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });
    const loader = await fetch(`${url}/pasokh.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/javascript/);
    expect((await loader.text()).length).toBeGreaterThan(1000);
    expect((await fetch(`${url}/console`)).status).toBe(200);
  }, 1_200_000);
});
