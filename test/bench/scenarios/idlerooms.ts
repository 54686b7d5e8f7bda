/**
 * Memory per idle room: R boards of N notes each, one idle user connected to each (a board open
 * on a projector between activities). Heap is read after a forced GC through the server's
 * inspector; per room = (after - before) / R, where "before" already has one such room so that
 * code loaded on first use is not counted as room data.
 */
import { readHeap, type HeapReading } from '../inspector.js';
import { rssBytes } from '../procstats.js';
import type { BenchContext, Row, ScenarioOutput } from '../results.js';
import type { TargetName } from '../targets.js';
import type { SimUser } from '../user.js';
import { med, ok, repeated, withTarget } from './common.js';
import { seedRoom } from './seed.js';

/** Rooms seeded at once: a bounded burst, not a thundering herd. */
const SEED_PARALLEL = 10;
/**
 * How long the rooms sit idle before memory is read: longer than our server keeps an unused
 * document live (CHARRETTE_DOC_IDLE_MS, 5 s, plus its sweep), so the reading is a board that has
 * been idle a while, as between activities, not one a moment after its last edit.
 */
const IDLE_MS = 7_000;

interface IdleResult {
  rooms: number;
  notes: number;
  before: HeapReading;
  after: HeapReading;
  heapPerRoomMB: number;
  /** Heap plus memory outside it (array buffers: an encoded document lives there). */
  heapAndExternalPerRoomMB: number;
  rssPerRoomMB: number;
}

async function measure(ctx: BenchContext, name: TargetName, rooms: number, notes: number, seed: number): Promise<IdleResult> {
  return withTarget(
    ctx,
    name,
    async (target) => {
      if (!target.inspectorUrl) throw new Error(`${name}: no inspector address in its output`);
      const users: SimUser[] = [];
      try {
        const one = async (i: number) => users.push(...(await seedRoom(target, await target.createRoom(), notes, 1, seed + i)));
        await one(0);
        await new Promise((r) => setTimeout(r, IDLE_MS));
        const before = await readHeap(target.inspectorUrl);
        const rss0 = rssBytes(target.pid);
        for (let i = 0; i < rooms; i += SEED_PARALLEL) {
          await Promise.all(Array.from({ length: Math.min(SEED_PARALLEL, rooms - i) }, (_, j) => one(1 + i + j)));
        }
        await new Promise((r) => setTimeout(r, IDLE_MS));
        const after = await readHeap(target.inspectorUrl);
        const rss1 = rssBytes(target.pid);
        const r = {
          rooms,
          notes,
          before,
          after,
          heapPerRoomMB: (after.heapUsedMB - before.heapUsedMB) / rooms,
          heapAndExternalPerRoomMB: (after.heapUsedMB + after.externalMB - before.heapUsedMB - before.externalMB) / rooms,
          rssPerRoomMB: (rss1 - rss0) / 2 ** 20 / rooms,
        };
        ctx.log(`  ${name}: heap ${r.heapPerRoomMB.toFixed(2)} MB/room, heap + external ${r.heapAndExternalPerRoomMB.toFixed(2)} MB/room, RSS ${r.rssPerRoomMB.toFixed(2)} MB/room`);
        return r;
      } finally {
        users.forEach((u) => u.close());
      }
    },
    { inspect: true },
  );
}

export async function runIdleRooms(ctx: BenchContext, rooms: number, notes: number, goal: string): Promise<ScenarioOutput> {
  const scenario = `idle rooms: ${rooms} boards × ${notes} notes, one idle user each`;
  const targets = ctx.targets.filter((t) => t !== 'relay');
  const byTarget: Partial<Record<TargetName, IdleResult[]>> = {};
  const one = async (t: TargetName) => {
    ctx.log(`${scenario} on ${t}`);
    byTarget[t] = ok(await repeated(ctx, (i) => measure(ctx, t, rooms, notes, 900 + i * 1_000)));
  };
  // Memory does not depend on timing, and most of this scenario is waiting for the rooms to go
  // idle: a quick run measures the servers side by side at once (full runs, one after another).
  if (ctx.quick) await Promise.all(targets.map(one));
  else for (const t of targets) await one(t);
  const v = (f: (r: IdleResult) => number) => {
    const out: Partial<Record<TargetName, number>> = {};
    for (const t of targets) if (byTarget[t]?.length) out[t] = med(byTarget[t]!, f);
    return out;
  };
  const rows: Row[] = [
    { scenario, metric: 'heap per idle room (after GC)', unit: 'MB', better: 'lower', values: v((r) => r.heapPerRoomMB) },
    // The goal applies to heap + external: an encoded document is an array buffer, outside the heap.
    { scenario, metric: 'heap + external per idle room (after GC)', unit: 'MB', better: 'lower', values: v((r) => r.heapAndExternalPerRoomMB), goal },
    { scenario, metric: 'RSS per idle room', unit: 'MB', better: 'lower', values: v((r) => r.rssPerRoomMB) },
  ];
  return { name: scenario, rows, notes: [], raw: byTarget };
}
