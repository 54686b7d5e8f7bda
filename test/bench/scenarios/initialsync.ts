/**
 * Initial sync of a large board: one new client joining (time until the server's state has
 * arrived), then a class of 100 opening the board at the same moment (time until the last one
 * has it). The board is warm (a seeder stays connected), as during a session.
 */
import { seeded } from '../../helpers/seeded.js';
import type { BenchContext, Row, ScenarioOutput } from '../results.js';
import type { TargetName } from '../targets.js';
import { median } from '../stats.js';
import { SimUser } from '../user.js';
import { med, ok, repeated, withTarget } from './common.js';
import { noteCount, seedRoom } from './seed.js';

const SEEDERS = 10;
const SINGLE_JOINS = 5;
/** Crowd joiners whose state is applied and whose notes are counted after the measurement. */
const CROWD_CHECKED = 3;
/** Wait after seeding so the servers are idle when the joiners arrive. */
const QUIET_MS = 500;

interface SyncResult {
  notes: number;
  stateBytes: number;
  /** Median over SINGLE_JOINS sequential joins: socket created → state received / applied. */
  singleReceivedMs: number;
  singleAppliedMs: number;
  crowdP50Ms: number;
  /** All `crowd` joiners started at once → the last one has received the state. */
  crowdAllMs: number;
  incomplete: number;
}

async function measure(ctx: BenchContext, name: TargetName, notes: number, crowd: number, seed: number): Promise<SyncResult> {
  return withTarget(ctx, name, async (target) => {
    const room = await target.createRoom();
    const seeders = await seedRoom(target, room, notes, SEEDERS, seed);
    const joiners: SimUser[] = [];
    try {
      const endpoints = await room.join(SINGLE_JOINS + crowd);
      const make = (i: number, deferState = false) =>
        new SimUser(SEEDERS + i, endpoints[i]!, { keepsState: true, tracker: null, rng: seeded(seed + 1_000 + i), deferState });
      await new Promise((r) => setTimeout(r, QUIET_MS));
      const received: number[] = [];
      const applied: number[] = [];
      let incomplete = 0;
      let stateBytes = 0;
      for (let i = 0; i < SINGLE_JOINS; i++) {
        const u = make(i);
        joiners.push(u);
        await u.connect();
        received.push(u.stateReceivedAt - u.connectStartedAt);
        applied.push(u.stateAppliedAt - u.connectStartedAt);
        stateBytes = u.stateBytes;
        if (noteCount(u) < notes) incomplete++;
        u.close();
      }
      const group = Array.from({ length: crowd }, (_, i) => make(SINGLE_JOINS + i, true));
      joiners.push(...group);
      const t0 = performance.now();
      await Promise.all(group.map((u) => u.connect()));
      const times = group.map((u) => u.stateReceivedAt - t0);
      // Every joiner got a state as large as a single joiner's; a few are applied and counted.
      incomplete += group.filter((u) => u.stateBytes < stateBytes).length;
      for (const u of group.slice(0, CROWD_CHECKED)) {
        u.applyState();
        if (noteCount(u) < notes) incomplete++;
      }
      ctx.log(`  ${name}: one joiner ${median(received).toFixed(1)} ms; ${crowd} at once: all synced after ${Math.max(...times).toFixed(0)} ms`);
      return {
        notes,
        stateBytes,
        singleReceivedMs: median(received),
        singleAppliedMs: median(applied),
        crowdP50Ms: median(times),
        crowdAllMs: Math.max(...times),
        incomplete,
      };
    } finally {
      joiners.forEach((u) => u.close());
      seeders.forEach((u) => u.close());
    }
  });
}

export async function runInitialSync(ctx: BenchContext, notes: number, crowd: number, goals: { single?: string; crowd?: string } = {}): Promise<ScenarioOutput> {
  const scenario = `initial sync, ${notes.toLocaleString('en')}-note board`;
  const targets = ctx.targets.filter((t) => t !== 'relay'); // the relay has no state to send
  const byTarget: Partial<Record<TargetName, SyncResult[]>> = {};
  const notesOut: string[] = [];
  for (const t of targets) {
    ctx.log(`${scenario} on ${t}`);
    const runs = ok(await repeated(ctx, (i) => measure(ctx, t, notes, crowd, 500 + i)));
    byTarget[t] = runs;
    const bad = runs.reduce((s, r) => s + r.incomplete, 0);
    if (bad > 0) notesOut.push(`${scenario}, ${t}: ${bad} joiners received fewer notes than the board has`);
  }
  const v = (f: (r: SyncResult) => number) => {
    const out: Partial<Record<TargetName, number>> = {};
    for (const t of targets) if (byTarget[t]?.length) out[t] = med(byTarget[t]!, f);
    return out;
  };
  const rows: Row[] = [
    { scenario, metric: 'one new client: state received', unit: 'ms', better: 'lower', values: v((r) => r.singleReceivedMs), goal: goals.single },
    { scenario, metric: 'one new client: state applied', unit: 'ms', better: 'lower', values: v((r) => r.singleAppliedMs) },
    { scenario, metric: `${crowd} joining at once: all synced`, unit: 'ms', better: 'lower', values: v((r) => r.crowdAllMs), goal: goals.crowd },
    { scenario, metric: `${crowd} joining at once: median`, unit: 'ms', better: 'lower', values: v((r) => r.crowdP50Ms) },
    { scenario, metric: 'state size on the wire', unit: 'KB', better: 'lower', values: v((r) => r.stateBytes / 1024) },
  ];
  return { name: scenario, rows, notes: notesOut, raw: byTarget };
}
