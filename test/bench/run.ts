/**
 * `npm run bench [-- --quick] [--only=a,b] [--targets=charrette,relay] [--repeat=N] [--no-pin]
 *  [--server-node-args="--cpu-prof --cpu-prof-dir=prof"]`
 *
 * With CHARRETTE_BENCH_BASELINE=<another checkout> the `baseline` target runs that checkout's
 * server beside this one, for a before/after comparison in the same run.
 *
 * Runs every scenario against our server and the peers, prints a Markdown table on stdout
 * (progress goes to stderr) and writes everything measured to bench-results/. The server under
 * test is pinned to core 0 and this process to core 1. The whole run has a hard time limit;
 * every child process is killed on exit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { killAllChildren, killChildrenOnSignals, LOADGEN_CORE, pinSelf } from './child.js';
import { markdownNotes, markdownTable } from './report.js';
import type { BenchContext, ScenarioOutput } from './results.js';
import { runClient } from './scenarios/client.js';
import { runCohort } from './scenarios/cohort.js';
import { runDocSize } from './scenarios/docsize.js';
import { runIdleRooms } from './scenarios/idlerooms.js';
import { runInitialSync } from './scenarios/initialsync.js';
import { runMaxRate } from './scenarios/maxrate.js';
import { runReplicas } from './scenarios/replicas.js';
import { DEFAULT_TARGETS, isCharrette, TARGET_NAMES, type TargetName } from './targets.js';

const QUICK_LIMIT_MS = 7 * 60_000;
const FULL_LIMIT_MS = 90 * 60_000;

interface Args {
  quick: boolean;
  only: string[] | null;
  targets: TargetName[];
  repeat: number | null;
  pin: boolean;
  serverNodeArgs: string[];
}

function parseArgs(argv: string[]): Args {
  const a: Args = { quick: false, only: null, targets: [...DEFAULT_TARGETS], repeat: null, pin: true, serverNodeArgs: [] };
  for (const arg of argv) {
    const [k, v = ''] = arg.split(/=(.*)/s) as [string, string?];
    if (k === '--quick') a.quick = true;
    else if (k === '--no-pin') a.pin = false;
    else if (k === '--only') a.only = v.split(',').filter(Boolean);
    else if (k === '--repeat') a.repeat = Math.max(1, Number(v) || 1);
    else if (k === '--server-node-args') a.serverNodeArgs = v.split(' ').filter(Boolean);
    else if (k === '--targets') {
      const ts = v.split(',').filter(Boolean);
      for (const t of ts) if (!(TARGET_NAMES as readonly string[]).includes(t)) throw new Error(`unknown target ${t}; one of ${TARGET_NAMES.join(', ')}`);
      a.targets = ts as TargetName[];
    } else throw new Error(`unknown argument ${arg}`);
  }
  return a;
}

type Scenario = { name: string; quick: boolean; run: (ctx: BenchContext) => Promise<ScenarioOutput | ScenarioOutput[]> };

const SCENARIOS: Scenario[] = [
  { name: 'docsize', quick: true, run: (ctx) => runDocSize(ctx, '≤ 3×') },
  {
    name: 'cohort',
    quick: true,
    run: async (ctx) => {
      const out = [
        await runCohort(ctx, 'cohort', { users: 200, edits: 1, cursors: 1, goals: { p99: '≤ 12 ms', cpu: '≤ 65 %' } }),
        await runCohort(ctx, 'cohort', { users: 200, edits: 4, cursors: 1, goals: { p99: '≤ 40 ms', lost: '0' } }),
      ];
      if (!ctx.quick) {
        out.push(await runCohort(ctx, 'cohort', { users: 50, edits: 1, cursors: 1 }));
        out.push(await runCohort(ctx, 'cohort', { users: 50, edits: 4, cursors: 1 }));
      }
      return out;
    },
  },
  { name: 'cpu', quick: true, run: (ctx) => runCohort(ctx, 'cursor CPU', { users: 50, edits: 1, cursors: 10, goals: { cpu: '≤ 35 %' } }) },
  {
    name: 'durable',
    quick: true,
    run: (ctx) =>
      runCohort(ctx, 'durable store', { users: 50, edits: 2, cursors: 1, goals: { durable: '≤ 100 ms' } }, ctx.targets.filter(isCharrette)),
  },
  { name: 'replicas', quick: true, run: (ctx) => runReplicas(ctx, 50) },
  { name: 'maxrate200', quick: true, run: (ctx) => runMaxRate(ctx, 200, '≥ 3,500/s') },
  { name: 'maxrate10', quick: true, run: (ctx) => runMaxRate(ctx, 10, '≥ 6,000/s') },
  {
    name: 'sync',
    quick: true,
    run: async (ctx) => {
      const out = [await runInitialSync(ctx, 2_000, 100)];
      if (!ctx.quick) out.push(await runInitialSync(ctx, 10_000, 50, { single: '≤ 50 ms', crowd: '≤ 500 ms' }));
      return out;
    },
  },
  // Memory per room hardly depends on the count; quick runs seed fewer rooms to stay short.
  { name: 'idle', quick: true, run: (ctx) => runIdleRooms(ctx, ctx.quick ? 30 : 200, 500, '≤ 0.6 MB') },
  { name: 'client', quick: true, run: (ctx) => runClient(ctx) },
];

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'shared', 'client']).toString().trim() !== '';
    return dirty ? `${head}+uncommitted` : head;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  killChildrenOnSignals();
  const started = new Date();
  const log = (msg: string) => process.stderr.write(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);
  const pinned = args.pin && pinSelf(LOADGEN_CORE);
  if (args.pin && !pinned) log('taskset unavailable: server and load generator share cores');
  const ctx: BenchContext = {
    quick: args.quick,
    targets: args.targets,
    pin: pinned,
    repeat: args.repeat ?? (args.quick ? 1 : 3),
    serverNodeArgs: args.serverNodeArgs,
    log,
  };
  const outputs: ScenarioOutput[] = [];
  const errors: string[] = [];
  // The limits are for one round of every scenario; --repeat=N gets N times as long.
  const limitMs = (args.quick ? QUICK_LIMIT_MS : FULL_LIMIT_MS) * (args.repeat ?? 1);
  let timedOut = false;
  const finish = (code: number) => {
    killAllChildren();
    const table = markdownTable(outputs, ctx.targets);
    const notes = markdownNotes(outputs);
    const errs = errors.length ? `\n\nErrors:\n${errors.map((e) => `- ${e}`).join('\n')}` : '';
    const header = `Charrette benchmark, ${args.quick ? 'quick' : 'full'} run, ${started.toISOString()}, commit ${gitCommit()}, ` +
      `Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? 'CPU'}; median of ${ctx.repeat} run(s); ` +
      `server on core 0, load generator on core 1${pinned ? '' : ' (NOT pinned)'}; fan-out = send → last other user received.`;
    process.stdout.write(`${header}\n\n${table}\n${notes}${errs}\n`);
    const dir = join(process.cwd(), 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bench-${args.quick ? 'quick' : 'full'}-${started.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ started, args, commit: gitCommit(), node: process.version, cpus: cpus().map((c) => c.model), loadavg: loadavg(), timedOut, errors, scenarios: outputs }, null, 1));
    log(`wrote ${file}`);
    process.exit(code);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    errors.push(`run stopped at its time limit of ${limitMs / 60_000} min; the table has what finished`);
    finish(2);
  }, limitMs);
  timer.unref();
  for (const s of SCENARIOS) {
    if (args.only ? !args.only.includes(s.name) : args.quick && !s.quick) continue;
    try {
      const out = await s.run(ctx);
      outputs.push(...(Array.isArray(out) ? out : [out]));
    } catch (err) {
      log(`${s.name} failed: ${(err as Error).stack ?? String(err)}`);
      errors.push(`${s.name}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  log(`done (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s)`);
  finish(errors.length > 0 ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  killAllChildren();
  process.exit(1);
});
