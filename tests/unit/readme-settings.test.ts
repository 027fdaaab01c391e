/**
 * The README's settings tables are complete: every environment variable the server reads and
 * every key of the config file (top level, `mail`, and each site's) is a row there with a
 * default. The variables are found twice over: in the source (`env.NAME`, `env['NAME']`,
 * `envInt(env, 'NAME', …)`) and by watching which names `loadConfig` asks its environment for.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSchema, loadConfig, siteSchema } from '../../server/config.js';
import { mailFileFields } from '../../server/mail/settings.js';

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Every table row of the README (not the separator rows), as its cells. */
const ROWS = README.split('\n')
  .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
  .map((line) =>
    line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

/** The rows that name `name` in backticks, alone or as `NAME=value`. */
function rowsNaming(name: string): string[][] {
  const named = new RegExp(`\`${name.replace(/[.[\]]/g, '\\$&')}(=[^\`]*)?\``);
  return ROWS.filter((row) => row.some((cell) => named.test(cell)));
}

function serverSources(): string[] {
  return readdirSync(join(ROOT, 'server'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(ROOT, 'server', file), 'utf8'));
}

/** Names read from an environment object in the source. */
function envNamesInSource(): Set<string> {
  const patterns = [
    /\benv\.([A-Z][A-Z0-9_]+)\b/g,
    /\benv\[\s*['"`]([A-Z][A-Z0-9_]+)['"`]\s*\]/g,
    /\(\s*env\s*,\s*['"`]([A-Z][A-Z0-9_]+)['"`]/g,
  ];
  const names = new Set<string>();
  for (const text of serverSources()) {
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) names.add(match[1]!);
  }
  return names;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Names `loadConfig` looks up in an empty environment (no config file). */
function envNamesAtRunTime(): Set<string> {
  const cwd = mkdtempSync(join(tmpdir(), 'pasokh-readme-env-'));
  dirs.push(cwd);
  const asked = new Set<string>();
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get(_target, name) {
      if (typeof name === 'string') asked.add(name);
      return undefined;
    },
    has(_target, name) {
      if (typeof name === 'string') asked.add(name);
      return false;
    },
  });
  loadConfig(env, cwd);
  return asked;
}

describe("the README's settings", () => {
  const variables = [...new Set([...envNamesInSource(), ...envNamesAtRunTime()])].sort();

  it('finds the variables the server reads', () => {
    expect(variables).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'PASOKH_SMTP_URL', 'PASOKH_REDIS_PREFIX']));
    expect(variables.length).toBeGreaterThan(25);
  });

  it.each(variables)('has a row for %s, with a default', (name) => {
    const rows = rowsNaming(name);
    expect(rows.length, `add ${name} to a settings table in README.md`).toBeGreaterThan(0);
    expect(
      rows.some((row) => row.length >= 3 && row.at(-1) !== ''),
      `give ${name}'s row a default`,
    ).toBe(true);
  });

  const fileKeys = Object.keys(fileSchema.entries).filter((key) => key !== 'mail');
  const mailKeys = Object.keys((mailFileFields.mail.wrapped as v.StrictObjectSchema<v.ObjectEntries, undefined>).entries).map(
    (key) => `mail.${key}`,
  );

  it.each([...fileKeys, ...mailKeys])('has a row for the config file key %s, with a default', (key) => {
    const rows = rowsNaming(key);
    expect(rows.length, `add "${key}" to a settings table in README.md`).toBeGreaterThan(0);
    expect(rows.some((row) => row.at(-1) !== '')).toBe(true);
  });

  it.each(Object.keys(siteSchema.entries))('has a row for the site key %s in the sites table', (key) => {
    const row = ROWS.find((cells) => cells[0] === `\`${key}\``);
    expect(row, `add "${key}" to the table of site settings in README.md`).toBeDefined();
    expect(row!.at(-1)).not.toBe('');
  });
});
