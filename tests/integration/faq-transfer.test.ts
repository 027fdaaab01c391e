/**
 * `pasokh faq import` and `pasokh faq export` through the real command and a real SQLite file:
 * what is exported in each format loads back to the entries that were imported.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFaq } from '../../server/faq/load.js';
import { createSqliteStore } from '../../server/store/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'demo/faq.json');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function pasokh(args: string[], data: string) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/pasokh.js'), 'faq', ...args], {
    cwd: data,
    env: { ...process.env, LOG_LEVEL: 'silent', PASOKH_DATA: data, PASOKH_CONFIG: '' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-faq-cli-'));
  dirs.push(dir);
  return dir;
}

describe('pasokh faq import / export', () => {
  it('round-trips the FAQ through JSON, CSV and a Markdown folder', async () => {
    const data = tempDir();
    const original = (await loadFaq(DEMO)).entries;
    const imported = pasokh(['import', DEMO], data);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain(
      `Imported ${original.length} answers into site "default" (${original.length} new, 0 replaced)`,
    );
    expect(imported.code).toBe(0);

    for (const target of ['out.json', 'out.csv', 'out-md']) {
      const exported = pasokh(['export', join(data, target)], data);
      expect(exported.code, exported.stderr).toBe(0);
      const back = await loadFaq(join(data, target));
      expect(back.problems.filter((p) => !p.warning)).toEqual([]);
      // A Markdown folder lists its files by name; JSON and CSV keep the owner's order.
      const sort = (xs: typeof original) => (target === 'out-md' ? [...xs].sort((a, b) => a.id.localeCompare(b.id)) : xs);
      expect(sort(back.entries)).toEqual(sort(original));
    }
    // Four runs of the command, each starting Node and opening the store: 14 s on a quiet
    // machine, over 30 s while other jobs share the two cores.
  }, 90_000);

  it('imports nothing from a file with a problem, and says where it is', async () => {
    const data = tempDir();
    const result = pasokh(['import', join(ROOT, 'tests/fixtures/faq/broken/faq.json')], data);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/pasokh: Nothing imported: \d+ problems?/);
    expect(result.stdout).toMatch(/faq\.json:\d+: /);
    const store = await createSqliteStore({ file: join(data, 'pasokh.db') });
    try {
      expect(await store.listFaqEntries('default', { includeDeleted: true })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses a site that is not configured', () => {
    const result = pasokh(['export', 'x.json', '--site', 'nope'], tempDir());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('There is no site "nope"');
  });
});
