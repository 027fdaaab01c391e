/**
 * The CPU meter bench:cluster and bench:capacity read: it must count a busy process's work,
 * find processes by name and by parent, and keep a process's work after it exits.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CpuMeter, pidsByComm, pidWithChildren, processTicks } from '../../bench/lib/cpu-meter.js';

/** Busy until this process has used `ms` of CPU, however busy the machine is. */
function spin(ms: number): void {
  const start = process.cpuUsage();
  while (process.cpuUsage(start).user < ms * 1000) Math.sqrt(Math.random());
}

/** The same in a child, which then says so and lives a little longer. */
const CHILD = `const s = process.cpuUsage(); while (process.cpuUsage(s).user < 300000) Math.sqrt(Math.random());
process.stdout.write('spun'); setTimeout(() => {}, 300);`;

describe.runIf(process.platform === 'linux')('cpu meter', () => {
  it('counts the CPU a process spends in a window, per message and as a share of the machine', async () => {
    const meter = new CpuMeter({ self: () => [process.pid] });
    try {
      const from = await meter.snapshot();
      spin(300);
      const window = CpuMeter.between(from, await meter.snapshot(), 1000);
      const self = window.components.self!;
      // 300 ms of CPU, read in clock ticks of 10 ms.
      expect(self.cpuSeconds).toBeGreaterThanOrEqual(0.27);
      expect(self.per1000Messages).toBeCloseTo(self.cpuSeconds, 5);
      expect(window.components.machineBusy!.cpuSeconds).toBeGreaterThanOrEqual(self.cpuSeconds - 0.02);
      expect(window.components.everythingElse!.cpuSeconds).toBeGreaterThanOrEqual(0);
      expect(self.shareOfMachine).toBeGreaterThan(0);
      expect(self.shareOfMachine).toBeLessThanOrEqual(1);
    } finally {
      await meter.close();
    }
  });

  it('finds processes by command name and children by parent, and keeps the work of one that exited', async () => {
    expect(pidsByComm(readFileSync('/proc/self/comm', 'utf8').trim())).toContain(process.pid);
    const child = spawn(process.execPath, ['-e', CHILD]);
    const exited = new Promise((r) => child.once('exit', r));
    const meter = new CpuMeter({ child: () => pidWithChildren(process.pid).filter((pid) => pid === child.pid) });
    try {
      const from = await meter.snapshot();
      expect(pidWithChildren(process.pid)).toContain(child.pid);
      await new Promise((r) => child.stdout.once('data', r));
      await meter.snapshot(); // reads the child's work while it still lives
      await exited;
      expect(processTicks(child.pid!)).toBeNull();
      const window = CpuMeter.between(from, await meter.snapshot(), 0);
      // Its 300 ms of spinning stay counted after it has gone.
      expect(window.components.child!.cpuSeconds).toBeGreaterThanOrEqual(0.27);
    } finally {
      await meter.close();
    }
  });
});
