/**
 * Event-loop delay of the load generator itself. If this grows, send times slip and arrival
 * stamps are late: the numbers would describe the generator, not the server. Every result
 * carries it so a reader can tell.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** CPU the generator used over the window, percent of one core. */
  cpuPercent: number;
}

const RESOLUTION_MS = 5;

export function loopDelayMonitor(): { stop(): LoopDelay } {
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  h.enable();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  return {
    stop() {
      h.disable();
      const c = process.cpuUsage(c0);
      const cpuPercent = ((c.user + c.system) / 1e3 / (performance.now() - t0)) * 100;
      // The histogram includes the sampling interval itself; subtract it to get the delay.
      const ms = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
      return { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max), cpuPercent };
    },
  };
}
