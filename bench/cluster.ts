/**
 * `npm run bench:cluster`: what a second node buys. One Pasokh process against two, both on
 * PostgreSQL, the two sharing a Redis stream, each set behind the shipped nginx configuration
 * (deploy/nginx/pasokh.conf) so the proxy's cost is in both. The same load generator as
 * bench:relay (bench/lib/relay-load.ts); clients connect from many loopback addresses so
 * nginx spreads them over the nodes. Only 127.0.0.1; bounded; prints JSON.
 *
 *   npm run bench:cluster                 200 visitors, 20 agents
 *   npm run bench:cluster -- --quick      a smaller, shorter run to check the harness
 *   npm run bench:cluster -- --profile d  also writes a CPU profile of every node to folder d and
 *                                        splits each window's node CPU by part (bench/lib/profile-breakdown.ts)
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { DATABASE_URL, spreadAddress, startCluster } from './lib/cluster.js';
import { CpuMeter, pidsByComm, pidWithChildren, type WindowCpu } from './lib/cpu-meter.js';
import { attribute, monotonicMicros, PART_NOTES, PARTS, partsBetween, readProfile, type Part } from './lib/profile-breakdown.js';
import { round, runRelayLoad, type LoadPhase, type LoadResult } from './lib/relay-load.js';

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, profile: { type: 'string' } },
});
const QUICK = flags.quick;
const VISITORS = QUICK ? 40 : 200;
const AGENTS = QUICK ? 4 : 20;
const PHASE_MS = QUICK ? 1500 : 4000;
const FIXED_RATE_PHASE_MS = QUICK ? 1500 : 10_000;
const LOW_RATE = 300;
const FIXED_RATE = QUICK ? 500 : 1000;
interface PhaseCpu extends WindowCpu {
  /** The nodes' CPU together, and the messages they moved per second of it. */
  nodes: { cpuSeconds: number; messagesPerNodeCpuSecond: number };
}

/** A window's node CPU split by part (bench/lib/profile-breakdown.ts), CPU-seconds per 1,000 messages. */
interface PhaseBreakdown {
  /** Each node's own split. */
  byNode: Record<string, Record<Part, number>>;
  /** The nodes together: adds up to the window's node CPU per 1,000 messages. */
  nodes: Record<Part, number>;
}

interface Measured extends LoadResult {
  nodes: number;
  /** Per measured window: CPU per component (see bench/lib/cpu-meter.ts). */
  cpu: Partial<Record<LoadPhase, PhaseCpu>>;
  /** With --profile: where each window's node CPU went. */
  breakdown?: Partial<Record<LoadPhase, PhaseBreakdown>>;
}

/** Splits each window's measured node CPU by the shares of the nodes' profiles over that window. */
function breakdown(
  dir: string,
  pids: number[],
  windows: Partial<Record<LoadPhase, { from: number; to: number }>>,
  cpu: Measured['cpu'],
): Measured['breakdown'] {
  const profiles = pids.map((pid) => readProfile(dir, pid));
  if (profiles.some((p) => p === null)) return undefined;
  const out: NonNullable<Measured['breakdown']> = {};
  for (const [phase, span] of Object.entries(windows) as [LoadPhase, { from: number; to: number }][]) {
    const window = cpu[phase];
    if (!window) continue;
    const byNode = Object.fromEntries(
      profiles.map((profile, i) => {
        const name = `node${i + 1}`;
        const busy = partsBetween(profile!, span.from, span.to);
        return [name, attribute(busy, window.components[name]!.cpuSeconds, window.messages)];
      }),
    );
    const nodes = Object.fromEntries(
      PARTS.map((part) => [
        part,
        round(
          Object.values(byNode).reduce((sum, parts) => sum + parts[part], 0),
          3,
        ),
      ]),
    ) as Record<Part, number>;
    out[phase] = { byNode, nodes };
  }
  return out;
}

async function measure(nodeCount: 1 | 2): Promise<Measured> {
  // The nodes' PostgreSQL connections carry this name, so their backends can be told from
  // those of anything else using the same server.
  const appName = `pasokh-bench-${randomBytes(4).toString('hex')}`;
  // Both on PostgreSQL behind nginx; the single node without Redis, as one process runs.
  const cluster = await startCluster({
    nodes: nodeCount,
    args: ['bench/lib/serve.ts'],
    env: { LOG_LEVEL: 'error', PGAPPNAME: appName },
    ...(flags.profile ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${flags.profile}`] } : {}),
  });
  const nodePids = cluster.nodes.map((n) => n!.child.pid!);
  const meter = new CpuMeter({
    ...Object.fromEntries(nodePids.map((pid, i) => [`node${i + 1}`, () => [pid]])),
    loadGenerator: () => [process.pid],
    nginx: () => pidWithChildren(cluster.nginxPid),
    // The whole Redis server: anything else on this machine using it is counted too.
    ...(nodeCount > 1 ? { redisServer: () => pidsByComm('redis-server') } : {}),
  });
  const cpu: Measured['cpu'] = {};
  const windows: Partial<Record<LoadPhase, { from: number; to: number }>> = {};
  let load: LoadResult;
  try {
    await meter.watchPostgres(DATABASE_URL, appName);
    load = await runRelayLoad({
      url: cluster.url,
      signIn: true,
      visitors: VISITORS,
      agents: AGENTS,
      phaseMs: PHASE_MS,
      lowRate: LOW_RATE,
      fixedRate: FIXED_RATE,
      fixedRatePhaseMs: FIXED_RATE_PHASE_MS,
      pids: nodePids,
      localAddress: spreadAddress,
      window: async (phase) => {
        const from = await meter.snapshot();
        const opened = monotonicMicros();
        return async (messages) => {
          windows[phase] = { from: opened, to: monotonicMicros() };
          const window = CpuMeter.between(from, await meter.snapshot(), messages);
          const nodeSeconds = nodePids.reduce((sum, _, i) => sum + window.components[`node${i + 1}`]!.cpuSeconds, 0);
          cpu[phase] = {
            ...window,
            nodes: { cpuSeconds: round(nodeSeconds), messagesPerNodeCpuSecond: Math.round(messages / nodeSeconds) },
          };
        };
      },
    });
  } finally {
    await meter.close();
    // A profile is written as the process exits by itself, which SIGKILL would not let it do.
    if (flags.profile) for (const node of cluster.nodes) await node?.kill('SIGTERM');
    await cluster.stop();
  }
  const parts = flags.profile ? breakdown(flags.profile, nodePids, windows, cpu) : undefined;
  return { nodes: nodeCount, ...load, cpu, ...(parts ? { breakdown: parts } : {}) };
}

/**
 * What the second node costs, part by part: the nodes' CPU per 1,000 messages in the two-node
 * run minus the one process's, per window. `measured` is the same difference from /proc alone;
 * the parts add up to it (up to rounding).
 */
function extraCpu(one: Measured, two: Measured) {
  if (!one.breakdown || !two.breakdown) return undefined;
  const out: Partial<Record<LoadPhase, Record<Part | 'measured', number>>> = {};
  for (const phase of Object.keys(two.breakdown) as LoadPhase[]) {
    const a = one.breakdown[phase]?.nodes;
    const b = two.breakdown[phase]?.nodes;
    if (!a || !b) continue;
    const perThousand = (m: Measured) => (m.cpu[phase]!.nodes.cpuSeconds * 1000) / m.cpu[phase]!.messages;
    out[phase] = {
      ...(Object.fromEntries(PARTS.map((p) => [p, round(b[p] - a[p], 3)])) as Record<Part, number>),
      measured: round(perThousand(two) - perThousand(one), 3),
    };
  }
  return out;
}

const began = Date.now();
const one = await measure(1);
const two = await measure(2);
const ratio = (a: number, b: number) => round(a / b, 2);
const perNode = (total: number) => total / 2;
/**
 * What a node would reach on a machine of its own, against one process on its own: the
 * messages each moved per second of node CPU, two-node run over one-node run. Assumes the
 * node's own CPU is what limits it there (PostgreSQL, Redis, nginx and the clients elsewhere
 * and not saturated).
 */
const projected = (phase: LoadPhase) =>
  ratio(two.cpu[phase]!.nodes.messagesPerNodeCpuSecond, one.cpu[phase]!.nodes.messagesPerNodeCpuSecond);
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
    note: `both runs behind the shipped nginx configuration, on PostgreSQL; the two-node run also on one Redis stream. The nodes, PostgreSQL, Redis, nginx and the load generator all share this machine's ${cpus().length} cores, so a second node adds work (Redis, a second event loop) without adding a core: the per-node figure here is a floor, not what separate machines give. cpu shows where the time went in each measured window: CPU-seconds per component (each node, the load generator, nginx, the nodes' PostgreSQL backends, PostgreSQL's background processes, the Redis server), per 1,000 messages, and as a share of all cores; everythingElse is the machine's busy time no component accounts for (other jobs on the machine, the kernel's softirq work for loopback traffic). projectedPerNodeOnSeparateMachines is messages per node-CPU-second in the two-node run over the same in the one-node run: what each node would keep of one process's throughput with a core of its own, if its CPU were what limited it.`,
  },
  oneProcess: one,
  twoProcesses: two,
  ...(flags.profile
    ? {
        extraNodeCpuPer1000MessagesOfTwoNodes: extraCpu(one, two),
        breakdownParts: PART_NOTES,
      }
    : {}),
  ratios: {
    throughputVisitorToAgent: ratio(two.throughput.visitorToAgent, one.throughput.visitorToAgent),
    throughputAgentToVisitor: ratio(two.throughput.agentToVisitor, one.throughput.agentToVisitor),
    perNodeThroughputVisitorToAgent: ratio(perNode(two.throughput.visitorToAgent), one.throughput.visitorToAgent),
    perNodeThroughputAgentToVisitor: ratio(perNode(two.throughput.agentToVisitor), one.throughput.agentToVisitor),
    projectedPerNodeOnSeparateMachinesVisitorToAgent: projected('visitorToAgent'),
    projectedPerNodeOnSeparateMachinesAgentToVisitor: projected('agentToVisitor'),
    p99AtFixedRate: ratio(two.latencyAtFixedRate.p99Ms, one.latencyAtFixedRate.p99Ms),
    p50AtLowRate: ratio(two.latencyAtLowRate.p50Ms, one.latencyAtLowRate.p50Ms),
    memoryPerNodeUnderLoad: ratio(Math.max(...two.rssUnderLoadMb), one.rssUnderLoadMb[0]!),
  },
  targets: {
    perNodeThroughputShareOfOneProcess: {
      target: 0.6,
      measured: Math.min(
        ratio(perNode(two.throughput.visitorToAgent), one.throughput.visitorToAgent),
        ratio(perNode(two.throughput.agentToVisitor), one.throughput.agentToVisitor),
      ),
      projectedOnSeparateMachines: Math.min(projected('visitorToAgent'), projected('agentToVisitor')),
    },
  },
  durationMs: Date.now() - began,
};
console.log(JSON.stringify(result, null, 2));
process.exit(0);
