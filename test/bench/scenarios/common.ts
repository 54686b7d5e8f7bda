/** Helpers shared by the scenarios: a fresh server per measurement, and notes for the reader. */
import { LOADGEN_CORE, SERVER_CORE } from '../child.js';
import type { LoadResult } from '../loadgen.js';
import { waitForQuiet } from '../procstats.js';
import type { BenchContext } from '../results.js';
import { startTarget, type Target, type TargetName } from '../targets.js';
import { median } from '../stats.js';

/** Other processes' share of a core above which a run is flagged as noisy, percent. */
const NOISE_PERCENT = 15;
/** Generator event-loop delay p99 above which its latencies are flagged, ms. */
const GENERATOR_LAG_MS = 10;
/** Longest wait for a quiet machine before each measurement (full runs only). */
const QUIET_WAIT_MS = 30_000;

/** Start `name` fresh (own process, own data), run `fn`, always stop it. */
export async function withTarget<T>(ctx: BenchContext, name: TargetName, fn: (t: Target) => Promise<T>, opts: { inspect?: boolean } = {}): Promise<T> {
  if (!ctx.quick) {
    const busy = await waitForQuiet(QUIET_WAIT_MS);
    if (busy > 20) ctx.log(`  machine still busy (${busy.toFixed(0)} % on one core) after ${QUIET_WAIT_MS / 1000} s; measuring anyway`);
  }
  const t = await startTarget(name, { pin: ctx.pin, inspect: opts.inspect, nodeArgs: ctx.serverNodeArgs });
  try {
    return await fn(t);
  } finally {
    await t.stop();
  }
}

/** Run `fn` ctx.repeat times; errors are kept per run so one crash does not lose the others. */
export async function repeated<T>(ctx: BenchContext, fn: (i: number) => Promise<T>): Promise<(T | Error)[]> {
  const out: (T | Error)[] = [];
  for (let i = 0; i < ctx.repeat; i++) {
    try {
      out.push(await fn(i));
    } catch (err) {
      ctx.log(`  run ${i + 1} failed: ${(err as Error).message.split('\n')[0]}`);
      out.push(err as Error);
    }
  }
  return out;
}

/**
 * Run `fn` for every target, `ctx.repeat` rounds, alternating targets within each round: a
 * noisy minute on a shared machine then hurts every server a little, not one server a lot.
 */
export async function interleaved<T>(ctx: BenchContext, targets: TargetName[], fn: (t: TargetName, round: number) => Promise<T>): Promise<Partial<Record<TargetName, T[]>>> {
  const out: Partial<Record<TargetName, T[]>> = {};
  for (let i = 0; i < ctx.repeat; i++) {
    for (const t of targets) {
      try {
        (out[t] ??= []).push(await fn(t, i));
      } catch (err) {
        ctx.log(`  ${t}, round ${i + 1} failed: ${(err as Error).message.split('\n')[0]}`);
        out[t] ??= [];
      }
    }
  }
  return out;
}

export const ok = <T>(xs: (T | Error)[]): T[] => xs.filter((x): x is T => !(x instanceof Error));

/** Median of a field over successful runs (NaN when none succeeded). */
export const med = <T>(runs: T[], f: (r: T) => number): number => median(runs.map(f));

/** One line about a load run that a reader may need: who was disconnected, and was the machine quiet. */
export function loadNotes(label: string, r: LoadResult): string[] {
  const notes: string[] = [];
  const closes = Object.entries(r.closes);
  if (closes.length > 0) notes.push(`${label}: server closed ${closes.map(([k, n]) => `${n}× "${k}"`).join(', ')}`);
  const serverCore = r.cores[SERVER_CORE];
  const genCore = r.cores[LOADGEN_CORE];
  // A process's system time can show up as interrupt time in /proc/stat: count both.
  const others = serverCore ? Math.max(0, serverCore.process + serverCore.interrupts - r.server.cpuPercent) : NaN;
  if (others > NOISE_PERCENT || (serverCore?.steal ?? 0) > NOISE_PERCENT) {
    notes.push(`${label}: other processes used ~${others.toFixed(0)} % of the server's core (steal ${serverCore!.steal.toFixed(0)} %) during the window: noisy machine`);
  }
  if (r.loadgen.p99Ms > GENERATOR_LAG_MS) {
    const othersOnGen = genCore ? Math.max(0, genCore.process + genCore.interrupts - r.loadgen.cpuPercent) : NaN;
    notes.push(
      `${label}: load generator event-loop delay p99 ${r.loadgen.p99Ms.toFixed(1)} ms (generator ${r.loadgen.cpuPercent.toFixed(0)} % of its core, ` +
        `others ~${othersOnGen.toFixed(0)} %): latencies include generator lag`,
    );
  }
  return notes;
}
