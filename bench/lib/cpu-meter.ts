/**
 * Where the CPU goes during a bench window: utime + stime from /proc/<pid>/stat for each
 * component (the nodes, the load generator, nginx, PostgreSQL, Redis) and the machine's total
 * from /proc/stat, so a run on a shared machine shows what its own parts used and what
 * everything else on the machine took. Linux only; a component whose processes cannot be read
 * counts 0.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import pg from 'pg';
import { round } from './relay-load.js';

export const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** The fields after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // exited
  }
}

/** utime + stime of every thread of `pid`, in ticks; null once it has exited. */
export function processTicks(pid: number): number | null {
  const fields = statFields(pid);
  // Field 14 is utime and 15 stime (proc(5)); the slice starts at field 3.
  return fields ? Number(fields[11]) + Number(fields[12]) : null;
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Processes whose command name (/proc/<pid>/comm) is `comm`, e.g. "redis-server". */
export function pidsByComm(comm: string): number[] {
  return allPids().filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm;
    } catch {
      return false;
    }
  });
}

/** `pid` and its direct children (an nginx master and its workers). */
export function pidWithChildren(pid: number): number[] {
  return [pid, ...allPids().filter((p) => statFields(p)?.[1] === String(pid))];
}

/** Busy and total ticks of the whole machine, all cores (/proc/stat's first line). */
function machineTicks(): { busy: number; total: number } {
  const values = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - values[3]! - values[4]!, total };
}

export interface ComponentCpu {
  cpuSeconds: number;
  /** CPU-seconds per 1,000 messages the window counted. */
  per1000Messages: number;
  /** Of all the machine's cores over the window: 0.5 on a 2-core machine is one core busy. */
  shareOfMachine: number;
}

export interface WindowCpu {
  seconds: number;
  messages: number;
  components: Record<string, ComponentCpu>;
}

interface Snapshot {
  at: number;
  ticks: Record<string, number>;
  machine: { busy: number; total: number };
}

/**
 * Tracks components by name. `pids` is called on every refresh, so processes that appear later
 * (a PostgreSQL backend the pool opens under load) are picked up; a process that exits keeps
 * the last ticks read, so its work stays counted. A timer refreshes every 500 ms.
 */
export class CpuMeter {
  readonly #sources: Record<string, () => number[]>;
  readonly #seen = new Map<string, Map<number, number>>();
  readonly #timer: NodeJS.Timeout;
  #postgres: { client: pg.Client; appName: string; backends: number[]; background: number[] } | undefined;

  constructor(sources: Record<string, () => number[]>) {
    this.#sources = sources;
    this.#timer = setInterval(() => {
      if (this.#postgres) this.#pollPostgres().catch(() => {});
      else this.#refresh();
    }, 500);
    this.#timer.unref();
  }

  /**
   * Adds PostgreSQL as two components: the client backends whose application_name is
   * `appName` (the nodes under test) and the server's background processes (WAL writer,
   * checkpointer…), which every user of this PostgreSQL shares.
   */
  async watchPostgres(url: string, appName: string): Promise<void> {
    // Named apart, or a PGAPPNAME set for the processes under test would count this one too.
    const client = new pg.Client({ connectionString: url, application_name: 'pasokh-cpu-meter' });
    await client.connect();
    this.#postgres = { client, appName, backends: [], background: [] };
    await this.#pollPostgres();
  }

  async #pollPostgres(): Promise<void> {
    const postgres = this.#postgres;
    if (!postgres) return;
    const { rows } = await postgres.client.query<{ pid: number; mine: boolean }>(
      `select pid, application_name = $1 as mine from pg_stat_activity
        where application_name = $1 or backend_type <> 'client backend'`,
      [postgres.appName],
    );
    postgres.backends = rows.filter((r) => r.mine).map((r) => r.pid);
    postgres.background = rows.filter((r) => !r.mine).map((r) => r.pid);
    this.#refresh();
  }

  #refresh(): Record<string, number> {
    const sources: Record<string, () => number[]> = { ...this.#sources };
    const postgres = this.#postgres;
    if (postgres) {
      sources.postgresBackends = () => postgres.backends;
      sources.postgresBackground = () => postgres.background;
    }
    const totals: Record<string, number> = {};
    for (const [name, pids] of Object.entries(sources)) {
      const seen = this.#seen.get(name) ?? new Map<number, number>();
      this.#seen.set(name, seen);
      for (const pid of pids()) {
        const ticks = processTicks(pid);
        if (ticks !== null) seen.set(pid, ticks);
      }
      totals[name] = [...seen.values()].reduce((a, b) => a + b, 0);
    }
    return totals;
  }

  /** Reads every component now (and asks PostgreSQL which backends are the nodes'). */
  async snapshot(): Promise<Snapshot> {
    await this.#pollPostgres();
    return { at: performance.now(), ticks: this.#refresh(), machine: machineTicks() };
  }

  /** CPU per component between two snapshots, with the machine's total and what else ran on it. */
  static between(from: Snapshot, to: Snapshot, messages: number): WindowCpu {
    const seconds = (to.at - from.at) / 1000;
    const cores = cpus().length;
    const entry = (ticks: number): ComponentCpu => {
      const cpuSeconds = ticks / TICKS_PER_SECOND;
      return {
        cpuSeconds: round(cpuSeconds, 2),
        per1000Messages: messages > 0 ? round((cpuSeconds * 1000) / messages, 3) : NaN,
        shareOfMachine: round(cpuSeconds / (seconds * cores), 3),
      };
    };
    const components: Record<string, ComponentCpu> = {};
    let accounted = 0;
    for (const name of Object.keys(to.ticks)) {
      const ticks = to.ticks[name]! - (from.ticks[name] ?? 0);
      accounted += ticks;
      components[name] = entry(ticks);
    }
    // /proc/stat counts ticks per core; its busy share is of all cores together.
    const machineBusy = to.machine.busy - from.machine.busy;
    components.machineBusy = entry(machineBusy);
    components.everythingElse = entry(Math.max(0, machineBusy - accounted));
    return { seconds: round(seconds, 2), messages, components };
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#postgres?.client.end().catch(() => {});
  }
}
