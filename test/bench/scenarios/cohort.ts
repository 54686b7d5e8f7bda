/**
 * Cohort room: C users on one board, each making `rate` edits/s and 1 cursor move/s (the
 * issue's main scenario), and the CPU scenario with 10 cursor moves/s. One fresh server per run.
 */
import { runLoad, type LoadResult } from '../loadgen.js';
import type { BenchContext, Row, ScenarioOutput } from '../results.js';
import { isCharrette, type TargetName } from '../targets.js';
import { interleaved, loadNotes, med, withTarget } from './common.js';

export interface CohortCase {
  users: number;
  edits: number;
  cursors: number;
  /** Issue targets for us, by metric. */
  goals?: { p99?: string; cpu?: string; lost?: string; durable?: string };
}

/** Fewer event-loop samples than this in a window means the server's loop was stuck, not measured. */
const MIN_LOOP_SAMPLES = 20;

const timing = (ctx: BenchContext) =>
  ctx.quick ? { warmupMs: 1_000, measureMs: 3_000, graceMs: 2_000 } : { warmupMs: 2_000, measureMs: 10_000, graceMs: 5_000 };

export async function runCohort(ctx: BenchContext, name: string, c: CohortCase, targets: TargetName[] = ctx.targets): Promise<ScenarioOutput> {
  const label = `${c.users} users × ${c.edits} edit/s + ${c.cursors} cursor/s`;
  const notes: string[] = [];
  const byTarget = await interleaved(ctx, targets, async (t, i) => {
    ctx.log(`${name}: ${label} on ${t}${ctx.repeat > 1 ? `, round ${i + 1}` : ''}`);
    const r = await withTarget(
      ctx,
      t,
      (target) => runLoad(target, { users: c.users, editsPerUserPerSec: c.edits, cursorsPerUserPerSec: c.cursors, seed: 7 + i, ...timing(ctx) }),
      // The inspector only lets the server's event-loop delay be read from outside.
      { inspect: true },
    );
    const d = r.delivery;
    ctx.log(
      `  p50 ${d.fanout.p50.toFixed(1)} ms, p99 ${d.fanout.p99.toFixed(1)} ms, lost ${d.lostUpdates}/${d.updates}, ` +
        `server CPU ${r.server.cpuPercent.toFixed(0)} %, generator loop p99 ${r.loadgen.p99Ms.toFixed(1)} ms`,
    );
    notes.push(...loadNotes(`${label}, ${t}`, r));
    if (r.serverLoop && r.serverLoop.samples < MIN_LOOP_SAMPLES) {
      const max = r.serverLoop.samples > 0 ? `, longest delay ${r.serverLoop.maxMs.toFixed(0)} ms` : '';
      notes.push(`${label}, ${t}: the server's timers ran only ${r.serverLoop.samples} times in the window${max}: its event loop was stuck in its backlog`);
    }
    return r;
  });
  const values = (f: (r: LoadResult) => number, only?: TargetName[]) => {
    const v: Partial<Record<TargetName, number>> = {};
    for (const t of only ?? targets) if (byTarget[t]) v[t] = med(byTarget[t]!, f);
    return v;
  };
  const scenario = `${name}: ${label}`;
  const rows: Row[] = [
    { scenario, metric: 'fan-out p99 (send → last other user)', unit: 'ms', better: 'lower', values: values((r) => r.delivery.fanout.p99), goal: c.goals?.p99 },
    { scenario, metric: 'fan-out p50', unit: 'ms', better: 'lower', values: values((r) => r.delivery.fanout.p50) },
    { scenario, metric: 'updates not delivered to everyone', unit: 'count', better: 'lower', values: values((r) => r.delivery.lostUpdates), goal: c.goals?.lost },
    { scenario, metric: 'server CPU', unit: '%', better: 'lower', values: values((r) => r.server.cpuPercent), goal: c.goals?.cpu },
    { scenario, metric: 'server RSS (end)', unit: 'MB', better: 'lower', values: values((r) => r.server.rssEndMB) },
    {
      scenario, metric: 'durably stored p99 (send → MSG_SAVED)', unit: 'ms', better: 'lower',
      values: values((r) => r.delivery.durable.p99, targets.filter(isCharrette)), goal: c.goals?.durable,
    },
    { scenario, metric: 'server event-loop delay p99', unit: 'ms', better: 'lower', values: values((r) => (r.serverLoop && r.serverLoop.samples >= MIN_LOOP_SAMPLES ? r.serverLoop.p99Ms : NaN)) },
    { scenario, metric: 'load generator event-loop delay p99', unit: 'ms', better: 'lower', values: values((r) => r.loadgen.p99Ms) },
  ];
  return { name: scenario, rows, notes, raw: byTarget };
}
