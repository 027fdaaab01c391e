/**
 * V8's heap growth is tuning the command that owns the process may set at start, never
 * something library code changes at run time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import v8 from 'node:v8';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/main.js';

const ROOT = resolve(import.meta.dirname, '../..');
const REPORT_FLAGS = join(ROOT, 'tests/fixtures/report-v8-flags.mjs');
const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-heap-'));
  dirs.push(dir);
  return dir;
}

/** Runs `pasokh serve` until it listens and returns what it wrote to stderr. */
function serveOnce(env: Record<string, string>): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', REPORT_FLAGS, join(ROOT, 'bin/pasokh.js'), 'serve'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PASOKH_DATA: dataDir(), LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pasokh serve did not start:\n${stderr}`));
    }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('Pasokh is running')) return;
      clearTimeout(timer);
      child.once('exit', () => resolveRun(stderr));
      child.kill('SIGTERM');
    });
  });
}

describe("V8's heap growth", () => {
  it('is left to V8 by `pasokh serve` unless PASOKH_HEAP_GROWTH_PERCENT sets it, which it applies at start', async () => {
    expect(await serveOnce({})).not.toContain('v8 flags set');
    expect(await serveOnce({ PASOKH_HEAP_GROWTH_PERCENT: '300' })).toContain('v8 flags set: --heap-growing-percent=300');
  }, 70_000);

  it('is never changed by startServer, whatever the configuration says', async () => {
    const setFlags = vi.spyOn(v8, 'setFlagsFromString');
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PASOKH_DATA: dataDir(), PASOKH_HEAP_GROWTH_PERCENT: '300' });
    expect(config.heapGrowthPercent).toBe(300);
    const server = await startServer(config, { logger: pino({ level: 'silent' }) });
    await server.stop();
    expect(setFlags).not.toHaveBeenCalled();
  });
});
