import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = resolve(import.meta.dirname, '../../server');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('production code', () => {
  it('reads no test-only environment variable anywhere under server/', () => {
    const files = sources(SERVER);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((file) => /PASOKH_TEST/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
