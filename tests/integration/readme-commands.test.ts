/**
 * The README's commands work as written: every line of its `sh` blocks is run here (the CLI
 * against a fresh data folder, `npm start` as the server it starts) or named with the test or CI
 * step that runs it. A new command in the README fails this test until it is covered.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServerChild } from '../../bench/lib/server-process.js';

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Lines run elsewhere, with where (each of these files must exist and contain the command). */
const RUN_ELSEWHERE: { match: RegExp; file: string; contains: string }[] = [
  { match: /^npm test$/, file: '.ci/run', contains: 'npm test' },
  // The scaled-out recipe needs hosts named db and cache; the same settings run against the
  // machine's PostgreSQL and Redis there.
  // The nodes of the nginx-fronted cluster test start with these settings (bench/lib/cluster.ts).
  {
    match: /^DATABASE_URL=\S+ REDIS_URL=\S+ PASOKH_TRUST_PROXY=1 PORT=\d+ npm start$/,
    file: 'bench/lib/cluster.ts',
    contains: "PASOKH_TRUST_PROXY: '1'",
  },
  // Packing and installing into an empty folder take minutes: the package test does both.
  { match: /^npm pack$/, file: 'tests/integration/package.test.ts', contains: 'npm pack' },
  { match: /^npm install \S+\.tgz && npx pasokh serve$/, file: 'tests/integration/package.test.ts', contains: 'pasokh serve' },
  // These write files into the working folder and need a database site: run with fixtures there.
  { match: /^npx pasokh faq (import|export) /, file: 'tests/integration/faq-transfer.test.ts', contains: "pasokh(['export'" },
  { match: /^npx pasokh visitor (export|erase) /, file: 'tests/integration/privacy.test.ts', contains: "'visitor', 'export'" },
  {
    match: /^curl .*\/api\/visitors\//,
    file: 'tests/integration/privacy.test.ts',
    contains: '/api/visitors/leila@example.com/export',
  },
  // The README's sites (shop, blog) are not the demo's: the agent-sites test has its own.
  { match: /^npx pasokh agent sites /, file: 'tests/integration/agent-sites.test.ts', contains: "pasokh('agent', 'sites'" },
];

/** Every command line of the README's ```sh blocks, comments removed. */
function readmeCommands(): string[] {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

/** `A=1 B='x y' rest` → the variables and the rest. */
function splitEnv(line: string): { env: Record<string, string>; command: string } {
  const env: Record<string, string> = {};
  let rest = line;
  for (;;) {
    const match = /^([A-Z_]+)=('([^']*)'|(\S*))\s+/.exec(rest);
    if (!match) break;
    env[match[1]!] = match[3] ?? match[4]!;
    rest = rest.slice(match[0].length);
  }
  return { env, command: rest };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const dataDir = mkdtempSync(join(tmpdir(), 'pasokh-readme-'));
dirs.push(dataDir);

describe("the README's commands", () => {
  const commands = readmeCommands();

  it('finds the commands to check', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
  });

  it.each(commands.map((line) => [line]))('%s', async (line) => {
    const { env, command } = splitEnv(line);
    const elsewhere = RUN_ELSEWHERE.find((entry) => entry.match.test(line));
    if (elsewhere) {
      expect(readFileSync(join(ROOT, elsewhere.file), 'utf8')).toContain(elsewhere.contains);
      return;
    }
    if (/\bnpx pasokh\b/.test(command)) {
      // As typed in a shell in the project folder; a password prompt reads the piped line.
      const shell = command.replace(/\bnpx pasokh\b/g, `node ${JSON.stringify(join(ROOT, 'bin/pasokh.js'))}`);
      const result = spawnSync('bash', ['-c', shell], {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'silent', PASOKH_DATA: dataDir, ...env },
        input: 'a long password\n',
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return;
    }
    if (/(^|&& )npm start$/.test(command)) {
      // `npm start` builds (prestart) and runs `pasokh serve`; the build is `npm test`'s first step.
      expect(existsSync(join(ROOT, 'dist/widget/pasokh.js'))).toBe(true);
      const data = mkdtempSync(join(tmpdir(), 'pasokh-readme-start-'));
      dirs.push(data);
      const server = await startServerChild({
        port: await freePort(),
        dataDir: data,
        env: { PASOKH_ADMIN_EMAIL: '', PASOKH_ADMIN_PASSWORD: '', ...env },
      });
      try {
        expect((await fetch(`${server.url}/`)).status).toBe(200);
        if (env.PASOKH_ADMIN_EMAIL) {
          const login = await fetch(`${server.url}/api/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: env.PASOKH_ADMIN_EMAIL, password: env.PASOKH_ADMIN_PASSWORD }),
          });
          expect(login.status).toBe(200);
          if (env.PASOKH_ADMIN_NAME)
            expect(((await login.json()) as { agent: { name: string } }).agent.name).toBe(env.PASOKH_ADMIN_NAME);
        }
      } finally {
        await server.kill();
      }
      return;
    }
    throw new Error(`The README command "${line}" is neither run here nor listed in RUN_ELSEWHERE.`);
  });
});
