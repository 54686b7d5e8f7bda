/**
 * Maximum sustained edits/s on one board: ramp the total rate step by step (same users, same
 * board) until the fan-out p99 of a step exceeds the limit or any update of it is lost. The
 * result is the highest passing step's achieved rate. No cursors: this is about updates.
 */
import { connectCrowd, drive, settle } from '../loadgen.js';
import { WARMUP } from '../tracker.js';
import { loopDelayMonitor } from '../eventloop.js';
import { coreMeter, procMeter, waitForQuiet } from '../procstats.js';
import { SERVER_CORE } from '../child.js';
import type { BenchContext, Row, ScenarioOutput } from '../results.js';
import type { Target, TargetName } from '../targets.js';
import { interleaved, med, withTarget } from './common.js';

export const P99_LIMIT_MS = 100;
/** A step whose achieved rate is below this share of the asked rate was limited by the generator. */
const GENERATOR_KEPT_UP = 0.9;
const WARMUP_MS = 1_000;
/** A failing step with more generator lag than this says more about the generator than the server. */
const GENERATOR_LAG_MS = 25;
/**
 * A failing step during which the generator used this much of its core was limited by it as much
 * as by the server: every user's socket is read on that one core.
 */
const GENERATOR_BUSY_PERCENT = 90;
/** Other processes' share of the server's core that makes a failed step worth one retry. */
const NOISY_PERCENT = 15;
const RETRY_QUIET_WAIT_MS = 10_000;
const QUICK_RETRY_QUIET_WAIT_MS = 2_000;

interface Step {
  asked: number;
  achieved: number;
  p99: number;
  lost: number;
  cpu: number;
  loopP99: number;
  /** The load generator's own CPU while it sent the step (not the settling after it), % of its core. */
  generatorCpu: number;
  /** Other processes' share of the server's core during the step, percent. */
  othersOnServerCore: number;
}

interface RampResult {
  maxPassing: number;
  /** The generator (or the ramp's ceiling), not the server, stopped the ramp: the true maximum is higher. */
  generatorLimited: boolean;
  stopReason: string;
  steps: Step[];
}

export async function ramp(ctx: BenchContext, target: Target, users: number, seed: number): Promise<RampResult> {
  const { start, factor, refinements, retries, stepMs, graceMs, ceiling } = ctx.quick
    // A quick ramp for a small crowd starts higher: every server here passes 1,000/s with 10 users.
    // Its ceiling is well above every target; past it, a step of a saturated server and the
    // settling after it take most of a quick run's time.
    ? { start: users > 50 ? 250 : 1_000, factor: 2, refinements: 1, retries: 1, stepMs: 1_500, graceMs: 1_000, ceiling: 16_000 }
    : { start: 250, factor: 1.25, refinements: 1, retries: 3, stepMs: 4_000, graceMs: 3_000, ceiling: 40_000 };
  const crowd = await connectCrowd(target, users, seed);
  const steps: Step[] = [];
  let k = 0;

  /** One judged step at `asked` edits/s; null when it passed, else why it failed. */
  const runStep = async (asked: number): Promise<{ why: string; generatorLag: boolean } | null> => {
    const tag = k++;
    const loop = loopDelayMonitor();
    const meter = procMeter(target.pid);
    const cores = coreMeter();
    const d = await drive(crowd, { editsPerSec: asked, cursorsPerSec: 0, durationMs: stepMs, tag, seed: seed + tag });
    const cpu = meter.stop().cpuPercent;
    const core = cores.stop()[SERVER_CORE];
    // The server's system time can show up as interrupt time in /proc/stat: count both.
    const othersOnServerCore = core ? Math.max(0, core.process + core.interrupts - cpu) : NaN;
    await settle(crowd, tag, graceMs);
    const r = crowd.tracker.report(tag);
    const step = { asked, achieved: d.edits / d.seconds, p99: r.fanout.p99, lost: r.lostUpdates, cpu, loopP99: loop.stop().p99Ms, generatorCpu: d.cpuPercent, othersOnServerCore };
    steps.push(step);
    ctx.log(
      `  ${asked}/s asked, ${step.achieved.toFixed(0)}/s sent: p99 ${step.p99.toFixed(1)} ms, lost ${step.lost}, server CPU ${cpu.toFixed(0)} %` +
        ` (others ${othersOnServerCore.toFixed(0)} %), generator loop p99 ${step.loopP99.toFixed(1)} ms, generator CPU ${step.generatorCpu.toFixed(0)} %`,
    );
    const noisy = step.othersOnServerCore > NOISY_PERCENT ? ` (other processes used ${step.othersOnServerCore.toFixed(0)} % of the server's core)` : '';
    if (step.lost > 0) {
      const closes = Object.entries(crowd.closes());
      const closed = closes.length ? ` (server closed ${closes.map(([c, n]) => `${n}× "${c}"`).join(', ')})` : '';
      return { why: `${asked}/s: ${step.lost} updates not delivered${closed}${noisy}`, generatorLag: false };
    }
    if (!(step.p99 <= P99_LIMIT_MS)) {
      const lagging = step.loopP99 > GENERATOR_LAG_MS;
      const busy = step.generatorCpu >= GENERATOR_BUSY_PERCENT;
      const generatorLag = lagging || busy;
      const lag = lagging
        ? `, but the load generator lagged ${step.loopP99.toFixed(0)} ms (p99): the limit may be the generator's`
        : busy ? `, but the load generator used ${step.generatorCpu.toFixed(0)} % of its core: the limit may be the generator's` : '';
      return { why: `${asked}/s: p99 ${step.p99.toFixed(0)} ms${lag}${noisy}`, generatorLag };
    }
    if (step.achieved < asked * GENERATOR_KEPT_UP) {
      return { why: `${asked}/s: the load generator sent only ${step.achieved.toFixed(0)}/s`, generatorLag: true };
    }
    return null;
  };

  let maxPassing = 0;
  let stopReason = `the ramp's ceiling (${ceiling}/s passed)`;
  // Until a step fails because of the server, the true maximum is above what was reached.
  let generatorLimited = true;
  try {
    // Not judged: lets the connect-time burst (everyone's first presence, fanned out to everyone)
    // drain and the JIT warm up in both processes before the first step counts.
    await drive(crowd, { editsPerSec: start, cursorsPerSec: 0, durationMs: WARMUP_MS, tag: WARMUP, seed });
    await settle(crowd, WARMUP, graceMs);
    let passed = 0;
    let failed = 0;
    let retriesLeft = retries;
    for (let asked = start; asked <= ceiling; asked = Math.round(asked * factor)) {
      let fail = await runStep(asked);
      // A failure while other processes took the server's core or the generator lagged says
      // little about the server: wait for a quieter moment and judge that step once more.
      const last = steps[steps.length - 1]!;
      if (fail && retriesLeft > 0 && !fail.why.includes('not delivered') && (last.othersOnServerCore > NOISY_PERCENT || fail.generatorLag)) {
        retriesLeft--;
        await waitForQuiet(ctx.quick ? QUICK_RETRY_QUIET_WAIT_MS : RETRY_QUIET_WAIT_MS);
        ctx.log(`  retrying ${asked}/s (noisy machine or lagging generator)`);
        fail = await runStep(asked);
      }
      if (!fail) {
        passed = asked;
        maxPassing = Math.max(maxPassing, steps[steps.length - 1]!.achieved);
        continue;
      }
      failed = asked;
      stopReason = fail.why;
      generatorLimited = fail.generatorLag;
      break;
    }
    // Coarse steps leave a wide gap between the last pass and the first failure: probe inside it.
    // (Not when the server closed users: the rest of the crowd no longer measures anything.)
    const intact = () => crowd.users.every((u) => u.open);
    for (let i = 0; i < refinements && failed > 0 && failed / Math.max(passed, 1) > 1.2 && intact(); i++) {
      const mid = Math.round((passed + failed) / 2);
      const fail = await runStep(mid);
      if (fail) {
        failed = mid;
        stopReason = fail.why;
        generatorLimited = fail.generatorLag;
      } else {
        passed = mid;
        maxPassing = Math.max(maxPassing, steps[steps.length - 1]!.achieved);
      }
    }
  } finally {
    crowd.close();
  }
  return { maxPassing, generatorLimited, stopReason, steps };
}

export async function runMaxRate(ctx: BenchContext, users: number, goal: string): Promise<ScenarioOutput> {
  const scenario = `max sustained edits/s, ${users} users (p99 ≤ ${P99_LIMIT_MS} ms, nothing lost)`;
  const notes: string[] = [];
  const byTarget = await interleaved(ctx, ctx.targets, async (t, i) => {
    ctx.log(`max rate, ${users} users, on ${t}${ctx.repeat > 1 ? `, round ${i + 1}` : ''}`);
    const r = await withTarget(ctx, t, (target) => ramp(ctx, target, users, 100 + i));
    notes.push(`${scenario}, ${t}: stopped at ${r.stopReason}`);
    return r;
  });
  const values: Partial<Record<TargetName, number>> = {};
  const qualifiers: Partial<Record<TargetName, string>> = {};
  for (const t of ctx.targets) {
    const runs = byTarget[t];
    if (!runs || runs.length === 0) continue;
    // Nothing passed and the generator or the machine was to blame: no number to give.
    values[t] = med(runs, (r) => (r.maxPassing === 0 && r.generatorLimited ? NaN : r.maxPassing));
    if (runs.some((r) => r.generatorLimited)) qualifiers[t] = '≥';
  }
  const rows: Row[] = [{ scenario, metric: 'edits/s', unit: 'per-s', better: 'higher', values, qualifiers, goal }];
  return { name: scenario, rows, notes, raw: byTarget };
}
