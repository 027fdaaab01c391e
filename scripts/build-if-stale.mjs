#!/usr/bin/env node
/**
 * `npm start`'s first step: runs `npm run build` only when the build is missing or older than
 * its sources. "Older" is by content, not mtime (a checkout or a copy changes mtimes): a hash of
 * every input file is kept beside the build in dist/.build-inputs and compared.
 *
 *   node scripts/build-if-stale.mjs          build if needed
 *   node scripts/build-if-stale.mjs --check  exit 1 if a build is needed, build nothing
 *   node scripts/build-if-stale.mjs --stamp  record the inputs as built (`npm run build` ends so)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const rootArg = process.argv.find((arg) => arg.startsWith('--root='));
/** The checkout; `--root=DIR` points elsewhere (the script's own test does). */
const ROOT = rootArg ? resolve(rootArg.slice('--root='.length)) : resolve(import.meta.dirname, '..');
/** What the widget, console and server builds read. */
const INPUTS = [
  'widget',
  'console',
  'protocol',
  'server',
  'vite.config.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];
/** What the builds write; missing, the build runs whatever the hash says. */
const OUTPUTS = ['dist/widget/pasokh.js', 'dist/console/index.html', 'dist/node/server/cli.js'];
const STAMP = join(ROOT, 'dist/.build-inputs');

/** The files under `path` (itself when it is a file; none when it does not exist). */
function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

/** One hash over every input's path and content, in a stable order. */
function inputsHash() {
  const hash = createHash('sha256');
  const all = INPUTS.flatMap((input) => files(join(ROOT, input))).sort();
  for (const file of all) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const current = inputsHash();
if (process.argv.includes('--stamp')) {
  writeFileSync(STAMP, current + '\n');
  process.exit(0);
}
const built = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
const stale = built !== current || OUTPUTS.some((output) => !existsSync(join(ROOT, output)));
if (process.argv.includes('--check')) {
  console.log(stale ? 'The build is stale.' : 'The build is current.');
  process.exit(stale ? 1 : 0);
}
if (!stale) {
  console.log('pasokh: the build is current; not rebuilding.');
  process.exit(0);
}
// Compiled files of sources since deleted must not linger (or ship).
rmSync(join(ROOT, 'dist/node'), { recursive: true, force: true });
// A production build whoever runs this: under a test runner NODE_ENV is `test`, and vite would
// keep the libraries' debug code (socket.io-client's `debug`, preact's devtools hooks) in.
const result = spawnSync('npm', ['run', 'build'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exit(result.status ?? 1);
