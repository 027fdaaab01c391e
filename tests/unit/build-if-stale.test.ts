import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/build-if-stale.mjs');
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A checkout in miniature: one source per input folder and every build output. */
function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), 'pasokh-stale-'));
  roots.push(root);
  for (const path of [
    'widget/a.ts',
    'console/b.ts',
    'protocol/c.ts',
    'server/d.ts',
    'vite.config.ts',
    'tsconfig.json',
    'tsconfig.build.json',
    'package-lock.json',
  ])
    write(root, path, path);
  for (const path of ['dist/widget/pasokh.js', 'dist/console/index.html', 'dist/node/server/cli.js']) write(root, path, 'built');
  return root;
}

function run(root: string, mode: '--check' | '--stamp'): number | null {
  return spawnSync(process.execPath, [SCRIPT, mode, `--root=${root}`], { encoding: 'utf8' }).status;
}

describe('npm start skips the build when it is current', () => {
  it('calls a build current when its sources have the contents it was built from, whatever their mtimes', () => {
    const root = checkout();
    expect(run(root, '--check')).toBe(1); // never stamped
    expect(run(root, '--stamp')).toBe(0);
    expect(run(root, '--check')).toBe(0);
    utimesSync(join(root, 'server/d.ts'), new Date(), new Date(Date.now() + 60_000));
    expect(run(root, '--check')).toBe(0);
  });

  it('calls it stale when a source changes, is added, or an output is missing', () => {
    const root = checkout();
    run(root, '--stamp');
    write(root, 'widget/a.ts', 'changed');
    expect(run(root, '--check')).toBe(1);
    write(root, 'widget/a.ts', 'widget/a.ts');
    expect(run(root, '--check')).toBe(0);
    write(root, 'protocol/new.ts', 'new');
    expect(run(root, '--check')).toBe(1);
    rmSync(join(root, 'protocol/new.ts'));
    rmSync(join(root, 'dist/node/server/cli.js'));
    expect(run(root, '--check')).toBe(1);
  });
});
