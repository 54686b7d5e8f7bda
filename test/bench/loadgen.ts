/**
 * The load generator: a crowd of simulated users on one room, driven at a given rate of edits
 * and cursor moves (Poisson arrivals per user: people do not click on a metronome), with the
 * server's CPU and memory and the generator's own event-loop delay measured over the window.
 */
import { seeded } from '../helpers/seeded.js';
import { loopDelayMonitor, type LoopDelay } from './eventloop.js';
import { serverLoopDelay, type ServerLoopDelay } from './inspector.js';
import { coreMeter, procMeter, type CoreUsage, type ProcUsage } from './procstats.js';
import type { BenchRoom, Target, TargetName } from './targets.js';
import { Tracker, WARMUP, type DeliveryReport } from './tracker.js';
import { SimUser } from './user.js';

/** Sockets opened at once while a crowd connects (a cohort arrives over seconds, not in one packet). */
const CONNECT_BATCH = 50;
/** Scheduler period; sends due in between go out together at the next tick. */
const TICK_MS = 1;
/** Polling period while waiting for stragglers. */
const SETTLE_POLL_MS = 20;

export interface Crowd {
  target: Target;
  room: BenchRoom;
  users: SimUser[];
  tracker: Tracker;
  connectMs: number;
  /** Close codes of users the server disconnected, with counts. */
  closes(): Record<string, number>;
  close(): void;
}

export async function connectCrowd(target: Target, count: number, seed: number, opts: { replicas?: boolean } = {}): Promise<Crowd> {
  const t0 = performance.now();
  const room = await target.createRoom();
  const endpoints = await room.join(count);
  const tracker = new Tracker(count);
  const users = endpoints.map((e, i) =>
    new SimUser(i, e, { keepsState: target.keepsState, tracker, rng: seeded(seed * 1_000 + i), replica: opts.replicas }));
  const close = () => users.forEach((u) => u.close());
  try {
    for (let i = 0; i < users.length; i += CONNECT_BATCH) {
      await Promise.all(users.slice(i, i + CONNECT_BATCH).map((u) => u.connect()));
    }
  } catch (err) {
    close();
    throw err;
  }
  return {
    target,
    room,
    users,
    tracker,
    connectMs: performance.now() - t0,
    closes() {
      const out: Record<string, number> = {};
      for (const u of users) {
        // 1000 is our own close at the end; 1005 a close frame without a code.
        if (!u.closeInfo || u.closeInfo.code === 1000 || u.closeInfo.code === 1005) continue;
        const k = `${u.closeInfo.code} ${u.closeInfo.reason}`.trim();
        out[k] = (out[k] ?? 0) + 1;
      }
      return out;
    },
    close,
  };
}

export interface DriveSpec {
  /** Edits per second over the whole crowd. */
  editsPerSec: number;
  cursorsPerSec: number;
  durationMs: number;
  tag: number;
  seed: number;
}

export interface Driven {
  edits: number;
  cursors: number;
  seconds: number;
  /**
   * This process's CPU over the sending window, % of one core (updates are prepared before the
   * window opens, and that work is not counted).
   */
  cpuPercent: number;
}

/** Send edits and cursor moves for `durationMs`; resolves when the last one is sent. */
export function drive(crowd: Pick<Crowd, 'users'>, spec: DriveSpec): Promise<Driven> {
  const rng = seeded(spec.seed);
  const n = crowd.users.length;
  const editMs = (n / Math.max(spec.editsPerSec, 1e-9)) * 1000;
  const cursorMs = (n / Math.max(spec.cursorsPerSec, 1e-9)) * 1000;
  const gap = (meanMs: number) => -Math.log(1 - rng.next()) * meanMs;
  // Half as much again as the mean need: Poisson counts vary; act() makes more live if short.
  const perUser = Math.ceil(((spec.editsPerSec / n) * spec.durationMs) / 1000 * 1.5 + 3);
  if (spec.editsPerSec > 0) for (const u of crowd.users) u.prepare(perUser);
  const cpuFrom = process.cpuUsage();
  const start = performance.now();
  const end = start + spec.durationMs;
  const nextEdit = Float64Array.from(crowd.users, () => (spec.editsPerSec > 0 ? start + gap(editMs) : Infinity));
  const nextCursor = Float64Array.from(crowd.users, () => (spec.cursorsPerSec > 0 ? start + gap(cursorMs) : Infinity));
  for (const u of crowd.users) u.tag = spec.tag;
  let edits = 0;
  let cursors = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = Math.min(performance.now(), end);
      for (let i = 0; i < n; i++) {
        const u = crowd.users[i]!;
        if (!u.open) continue;
        while (nextEdit[i]! <= now) {
          if (u.act()) edits++;
          nextEdit[i]! += gap(editMs);
        }
        while (nextCursor[i]! <= now) {
          u.cursor();
          cursors++;
          nextCursor[i]! += gap(cursorMs);
        }
      }
      if (now >= end) {
        const seconds = (performance.now() - start) / 1000;
        const cpu = process.cpuUsage(cpuFrom);
        resolve({ edits, cursors, seconds, cpuPercent: (cpu.user + cpu.system) / 1e4 / seconds }); // µs per s → %
      }
      else setTimeout(tick, TICK_MS);
    };
    tick();
  });
}

/**
 * Wait until every update of `tag` reached every other user and, on a server that reports it,
 * was reported stored (that may come after the fan-out), or `graceMs` passed.
 */
export async function settle(crowd: Pick<Crowd, 'tracker' | 'target'>, tag: number, graceMs: number): Promise<void> {
  const deadline = performance.now() + graceMs;
  const pending = () => crowd.tracker.outstanding(tag) > 0 || (crowd.target.reportsDurable && crowd.tracker.unsaved(tag) > 0);
  while (pending() && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
  }
}

export interface LoadSpec {
  users: number;
  editsPerUserPerSec: number;
  cursorsPerUserPerSec: number;
  warmupMs: number;
  measureMs: number;
  /** How long after the last send an update may still arrive before it counts as lost. */
  graceMs: number;
  seed: number;
}

export interface LoadResult {
  target: TargetName;
  spec: LoadSpec;
  achievedEditsPerSec: number;
  achievedCursorsPerSec: number;
  delivery: DeliveryReport;
  server: ProcUsage;
  loadgen: LoopDelay;
  /** The server's own event-loop delay (when it was started with its inspector). */
  serverLoop: ServerLoopDelay | null;
  /** Messages per second all users received together (what the generator had to absorb). */
  receivedPerSec: number;
  receivedMBPerSec: number;
  connectMs: number;
  closes: Record<string, number>;
  /** Each core's use over the window, all processes: shows interference from others. */
  cores: CoreUsage[];
}

/** Connect a crowd, warm up, measure one window, wait out the grace period, report. */
export async function runLoad(target: Target, spec: LoadSpec): Promise<LoadResult> {
  const crowd = await connectCrowd(target, spec.users, spec.seed);
  try {
    const rate = { editsPerSec: spec.users * spec.editsPerUserPerSec, cursorsPerSec: spec.users * spec.cursorsPerUserPerSec };
    if (spec.warmupMs > 0) await drive(crowd, { ...rate, durationMs: spec.warmupMs, tag: WARMUP, seed: spec.seed + 1 });
    const loop = loopDelayMonitor();
    const readServerLoop = target.inspectorUrl ? await serverLoopDelay(target.inspectorUrl) : null;
    const meter = procMeter(target.pid);
    const cores = coreMeter();
    const msgs0 = crowd.users.reduce((s, u) => s + u.received.messages, 0);
    const bytes0 = crowd.users.reduce((s, u) => s + u.received.bytes, 0);
    const driven = await drive(crowd, { ...rate, durationMs: spec.measureMs, tag: 0, seed: spec.seed + 2 });
    const server = meter.stop();
    const coreUse = cores.stop();
    const serverLoop = readServerLoop ? await readServerLoop() : null;
    const msgs1 = crowd.users.reduce((s, u) => s + u.received.messages, 0);
    const bytes1 = crowd.users.reduce((s, u) => s + u.received.bytes, 0);
    await settle(crowd, 0, spec.graceMs);
    return {
      target: target.name,
      spec,
      achievedEditsPerSec: driven.edits / driven.seconds,
      achievedCursorsPerSec: driven.cursors / driven.seconds,
      delivery: crowd.tracker.report(0),
      server,
      loadgen: loop.stop(),
      serverLoop,
      receivedPerSec: (msgs1 - msgs0) / driven.seconds,
      receivedMBPerSec: (bytes1 - bytes0) / driven.seconds / 2 ** 20,
      connectMs: crowd.connectMs,
      closes: crowd.closes(),
      cores: coreUse,
    };
  } finally {
    crowd.close();
  }
}
