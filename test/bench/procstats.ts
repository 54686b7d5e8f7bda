/**
 * CPU and memory of another process, read from /proc so that no server needs instrumenting:
 * CPU% from utime+stime deltas (all threads, GC included), RSS from VmRSS.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();
const RSS_SAMPLE_MS = 250;

/** CPU seconds used so far by `pid` (user + system). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after it are plain numbers.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so utime (14) and stime (15) are rest[11] and rest[12].
  return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
}

/** Resident set size of `pid`, bytes. */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

export interface ProcUsage {
  /** Share of one core over the window, percent (100 = one core saturated). */
  cpuPercent: number;
  rssEndMB: number;
  rssPeakMB: number;
}

/** Measure a window: start() now, stop() returns usage since then. */
export function procMeter(pid: number): { stop(): ProcUsage } {
  const t0 = performance.now();
  const c0 = cpuSeconds(pid);
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      // the process exited; stop() reports what was seen
    }
  }, RSS_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - t0) / 1000;
      let cpu = 0;
      let rss = 0;
      try {
        cpu = cpuSeconds(pid) - c0;
        rss = rssBytes(pid);
      } catch {
        // exited
      }
      peak = Math.max(peak, rss);
      return { cpuPercent: (cpu / seconds) * 100, rssEndMB: rss / 2 ** 20, rssPeakMB: peak / 2 ** 20 };
    },
  };
}

export interface CoreUsage {
  /** user + nice + system, percent of the core: processes' own work (ours and everyone else's). */
  process: number;
  /** irq + softirq: mostly loopback networking, not charged to any process. */
  interrupts: number;
  /** Time the hypervisor gave this virtual core to someone else. */
  steal: number;
}

function readCores(): number[][] {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((l) => /^cpu\d+ /.test(l))
    .map((l) => l.trim().split(/\s+/).slice(1, 9).map(Number));
}

/** Per-core usage over a window, all processes (from /proc/stat): shows interference from others. */
export function coreMeter(): { stop(): CoreUsage[] } {
  const a = readCores();
  return {
    stop() {
      return readCores().map((b, i) => {
        // Fields: user nice system idle iowait irq softirq steal.
        const d = b.map((v, k) => v - (a[i]?.[k] ?? 0));
        const total = d.reduce((x, y) => x + y, 0) || 1;
        const pct = (v: number) => (v / total) * 100;
        return { process: pct(d[0]! + d[1]! + d[2]!), interrupts: pct(d[5]! + d[6]!), steal: pct(d[7]!) };
      });
    },
  };
}

/**
 * Wait until both cores have been mostly idle for a second (other engineers' builds skew every
 * figure), at most `maxWaitMs`; returns the busiest core's share seen last, percent.
 */
export async function waitForQuiet(maxWaitMs: number, busyPercent = 20): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  for (;;) {
    const m = coreMeter();
    await new Promise((r) => setTimeout(r, 1_000));
    const busiest = Math.max(...m.stop().map((c) => c.process + c.interrupts + c.steal));
    if (busiest <= busyPercent || performance.now() >= deadline) return busiest;
  }
}
