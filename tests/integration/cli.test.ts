import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/passwords.js';
import { createSqliteStore } from '../../server/store/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function pasokh(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/pasokh.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-cli-'));
  dirs.push(dir);
  return dir;
}

describe('the pasokh command', () => {
  it('adds an agent with the password from stdin, hashed, and lists it', async () => {
    const data = dataDir();
    const added = pasokh(['agent', 'add', 'Sara@Example.com', '--name', 'Sara'], {
      env: { PASOKH_DATA: data },
      input: 'a long password\n',
    });
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('Added agent Sara <sara@example.com>.');
    expect(added.code).toBe(0);

    const listed = pasokh(['agent', 'list'], { env: { PASOKH_DATA: data } });
    expect(listed.stdout).toBe('sara@example.com\tSara\tagent\n');

    const store = await createSqliteStore({ file: join(data, 'pasokh.db') });
    const agent = await store.findAgentByEmail('sara@example.com');
    await store.close();
    expect(agent!.passwordHash).not.toContain('a long password');
    expect(await verifyPassword('a long password', agent!.passwordHash)).toBe(true);
  });

  it('refuses a short password and a duplicate email with a sentence, exit 1', () => {
    const data = dataDir();
    const short = pasokh(['agent', 'add', 'ali@example.com'], { env: { PASOKH_DATA: data }, input: 'short\n' });
    expect(short.code).toBe(1);
    expect(short.stderr).toBe('pasokh: The password must be at least 8 characters.\n');
    pasokh(['agent', 'add', 'ali@example.com'], { env: { PASOKH_DATA: data }, input: 'long enough pass\n' });
    const again = pasokh(['agent', 'add', 'ali@example.com'], { env: { PASOKH_DATA: data }, input: 'long enough pass\n' });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('There is already an agent with the email ali@example.com.');
  });

  it('fails fast at start on invalid config with a sentence a site owner understands', () => {
    const cwd = dataDir();
    writeFileSync(
      join(cwd, 'pasokh.config.json'),
      JSON.stringify({ sites: [{ key: 'shop', allowedOrigins: ['shop.example'] }] }),
    );
    const started = pasokh(['serve'], { cwd, env: { PORT: '0', PASOKH_DATA: join(cwd, 'data') } });
    expect(started.code).toBe(1);
    expect(started.stderr).toMatch(
      /^pasokh: In .*pasokh\.config\.json: "sites\[0\]\.allowedOrigins\[0\]" must be an origin like "https:\/\/shop\.example"/,
    );
    expect(started.stderr).not.toMatch(/\n\s+at /);
  });

  it("changes an agent's password (from stdin) and name", async () => {
    const data = dataDir();
    pasokh(['agent', 'add', 'reza@example.com', '--name', 'Reza'], { env: { PASOKH_DATA: data }, input: 'first password\n' });
    const passwd = pasokh(['agent', 'passwd', 'reza@example.com'], { env: { PASOKH_DATA: data }, input: 'second password\n' });
    expect(passwd.stderr).toBe('');
    expect(passwd.stdout).toContain('Changed the password of reza@example.com');
    expect(passwd.code).toBe(0);
    const renamed = pasokh(['agent', 'rename', 'reza@example.com', 'Reza', 'Karimi'], { env: { PASOKH_DATA: data } });
    expect(renamed.stdout).toContain('reza@example.com is now called Reza Karimi.');
    const missing = pasokh(['agent', 'passwd', 'nobody@example.com'], { env: { PASOKH_DATA: data }, input: 'second password\n' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('pasokh: There is no agent with the email nobody@example.com.\n');

    const store = await createSqliteStore({ file: join(data, 'pasokh.db') });
    const agent = await store.findAgentByEmail('reza@example.com');
    await store.close();
    expect(agent!.name).toBe('Reza Karimi');
    expect(await verifyPassword('second password', agent!.passwordHash)).toBe(true);
  });

  it('prints usage and exit 2 for an unknown command', () => {
    const result = pasokh(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pasokh agent add <email>');
  });
});

describe('pasokh faq check', () => {
  it('passes the demo FAQ and shows the top hits for a query', () => {
    const result = pasokh(['faq', 'check', 'demo/faq.json', '--query', 'refund']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/en-refund-policy/);
  });

  it('points at the line of each problem and exits 1', () => {
    const dir = dataDir();
    const file = join(dir, 'faq.json');
    writeFileSync(
      file,
      '[\n  {"id": "a", "locale": "en", "question": "Q?", "answer": "A."},\n  {"id": "a", "locale": "de", "question": "Q2?", "answer": ""}\n]\n',
    );
    const result = pasokh(['faq', 'check', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/faq\.json:3: .*duplicate/i);
    expect(result.stdout).toMatch(/faq\.json:3: .*locale/i);
  });
});
