/**
 * `npm run bench:cluster`: what a second node buys. One Pasokh process against two, both on
 * PostgreSQL, the two sharing a Redis stream, each set behind the shipped nginx configuration
 * (deploy/nginx/pasokh.conf) so the proxy's cost is in both. The same load generator as
 * bench:relay (bench/lib/relay-load.ts); clients connect from many loopback addresses so
 * nginx spreads them over the nodes. Only 127.0.0.1; bounded; prints JSON.
 *
 *   npm run bench:cluster                 200 visitors, 20 agents
 *   npm run bench:cluster -- --quick      a smaller, shorter run to check the harness
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { spreadAddress, startCluster } from './lib/cluster.js';
import { round, runRelayLoad, type LoadResult } from './lib/relay-load.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const QUICK = flags.quick;
const VISITORS = QUICK ? 40 : 200;
const AGENTS = QUICK ? 4 : 20;
const PHASE_MS = QUICK ? 1500 : 4000;
const FIXED_RATE_PHASE_MS = QUICK ? 1500 : 10_000;
const LOW_RATE = 300;
const FIXED_RATE = QUICK ? 500 : 1000;
async function measure(nodeCount: 1 | 2): Promise<LoadResult & { nodes: number }> {
  // Both on PostgreSQL behind nginx; the single node without Redis, as one process runs.
  const cluster = await startCluster({ nodes: nodeCount, args: ['bench/lib/serve.ts'], env: { LOG_LEVEL: 'error' } });
  try {
    const load = await runRelayLoad({
      url: cluster.url,
      signIn: true,
      visitors: VISITORS,
      agents: AGENTS,
      phaseMs: PHASE_MS,
      lowRate: LOW_RATE,
      fixedRate: FIXED_RATE,
      fixedRatePhaseMs: FIXED_RATE_PHASE_MS,
      pids: cluster.nodes.map((n) => n!.child.pid!),
      localAddress: spreadAddress,
    });
    return { nodes: nodeCount, ...load };
  } finally {
    await cluster.stop();
  }
}

const began = Date.now();
const one = await measure(1);
const two = await measure(2);
const ratio = (a: number, b: number) => round(a / b, 2);
const perNode = (total: number) => total / 2;
const result = {
  command: `npm run bench:cluster${QUICK ? ' -- --quick' : ''}`,
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
  },
  setup: {
    visitors: VISITORS,
    agents: AGENTS,
    phaseMs: PHASE_MS,
    fixedRatePhaseMs: FIXED_RATE_PHASE_MS,
    note: `both runs behind the shipped nginx configuration, on PostgreSQL; the two-node run also on one Redis stream. The nodes, PostgreSQL, Redis, nginx and the load generator all share this machine's ${cpus().length} cores, so a second node adds work (Redis, a second event loop) without adding a core: the per-node figure here is a floor, not what separate machines give.`,
  },
  oneProcess: one,
  twoProcesses: two,
  ratios: {
    throughputVisitorToAgent: ratio(two.throughput.visitorToAgent, one.throughput.visitorToAgent),
    throughputAgentToVisitor: ratio(two.throughput.agentToVisitor, one.throughput.agentToVisitor),
    perNodeThroughputVisitorToAgent: ratio(perNode(two.throughput.visitorToAgent), one.throughput.visitorToAgent),
    perNodeThroughputAgentToVisitor: ratio(perNode(two.throughput.agentToVisitor), one.throughput.agentToVisitor),
    p99AtFixedRate: ratio(two.latencyAtFixedRate.p99Ms, one.latencyAtFixedRate.p99Ms),
    p50AtLowRate: ratio(two.latencyAtLowRate.p50Ms, one.latencyAtLowRate.p50Ms),
    memoryPerNodeUnderLoad: ratio(Math.max(...two.rssUnderLoadMb), one.rssUnderLoadMb[0]!),
  },
  durationMs: Date.now() - began,
};
console.log(JSON.stringify(result, null, 2));
process.exit(0);
