/**
 * `npm run bench`: every benchmark in turn (after `npm run build`), one JSON document out.
 * Each runs in its own process, so one's garbage and JIT state never colour another's numbers.
 * `--quick` passes through to the relay, cluster and capacity benches for shorter runs.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const benches: [name: string, args: string[]][] = [
  ['size', ['bench/size.ts']],
  ['search', ['bench/search.ts']],
  ['typos', ['bench/search-typos.ts']],
  ['learning', ['bench/search-learning.ts']],
  ['load', ['bench/load.ts']],
  ['relay', ['bench/relay.ts', ...(quick ? ['--quick'] : [])]],
  // These two need nginx, PostgreSQL and Redis on 127.0.0.1 (see bench/README.md).
  ['cluster', ['bench/cluster.ts', ...(quick ? ['--quick'] : [])]],
  ['capacity', ['bench/capacity.ts', ...(quick ? ['--quick'] : [])]],
];

const results: Record<string, unknown> = {};
let failed = false;
for (const [name, args] of benches) {
  process.stderr.write(`bench: ${name}…\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const start = run.stdout.indexOf('{');
  try {
    results[name] = JSON.parse(run.stdout.slice(start));
  } catch {
    results[name] = { error: `exit ${run.status}`, output: run.stdout.slice(-2000) };
  }
  if (run.status !== 0) failed = true;
}
console.log(
  JSON.stringify({ command: `npm run bench${quick ? ' -- --quick' : ''}`, at: new Date().toISOString(), results }, null, 2),
);
process.exit(failed ? 1 : 0);
