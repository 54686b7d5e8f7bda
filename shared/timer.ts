/**
 * The session timer: one value in meta, written only by the server (whose clock is the
 * reference). Clients show remainingMs(timer, serverNow) where serverNow is their own clock
 * corrected by the offset measured against the server (see clockOffset).
 */
export interface TimerState {
  /** Length set by the facilitator. */
  durationMs: number;
  /** Server time when the current run started, or null while paused or reset. */
  startedAt: number | null;
  /** Time left when paused (or the full duration after a reset). */
  remainingMs: number;
}

export const MAX_TIMER_MS = 4 * 60 * 60 * 1000;
export const DEFAULT_TIMER_MS = 5 * 60 * 1000;
export const ONE_MINUTE_MS = 60_000;

export const newTimer = (durationMs = DEFAULT_TIMER_MS): TimerState => {
  const d = clampDuration(durationMs);
  return { durationMs: d, startedAt: null, remainingMs: d };
};

const clampDuration = (ms: number): number => (Number.isFinite(ms) ? Math.max(1_000, Math.min(MAX_TIMER_MS, Math.round(ms))) : DEFAULT_TIMER_MS);

/** Time left at server time `now` (never negative). */
export function remainingMs(t: TimerState, now: number): number {
  return Math.max(0, t.startedAt === null ? t.remainingMs : t.remainingMs - (now - t.startedAt));
}

export const isRunning = (t: TimerState): boolean => t.startedAt !== null;

export function startTimer(t: TimerState, now: number): TimerState {
  if (isRunning(t)) return t;
  const left = t.remainingMs > 0 ? t.remainingMs : t.durationMs;
  return { ...t, startedAt: now, remainingMs: left };
}

export function pauseTimer(t: TimerState, now: number): TimerState {
  return isRunning(t) ? { ...t, startedAt: null, remainingMs: remainingMs(t, now) } : t;
}

/** Add (or with a negative amount, remove) time; a timer that had run out starts counting again from the added time. */
export function addTime(t: TimerState, ms: number, now: number): TimerState {
  const left = remainingMs(t, now) + ms;
  const bounded = Math.max(0, Math.min(MAX_TIMER_MS, left));
  return isRunning(t) ? { ...t, startedAt: now, remainingMs: bounded } : { ...t, remainingMs: bounded };
}

export const resetTimer = (t: TimerState, durationMs = t.durationMs): TimerState => newTimer(durationMs);

/** A timer from untrusted data, or null. */
export function restoreTimer(v: unknown): TimerState | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.durationMs !== 'number' || typeof o.remainingMs !== 'number') return null;
  const startedAt = typeof o.startedAt === 'number' && Number.isFinite(o.startedAt) ? o.startedAt : null;
  return { durationMs: clampDuration(o.durationMs), startedAt, remainingMs: Math.max(0, Math.min(MAX_TIMER_MS, o.remainingMs)) };
}

/**
 * Offset to add to the local clock to get server time, from one round trip: the server's time
 * is assumed to be read halfway between send and receive.
 */
export const clockOffset = (sentAt: number, serverTime: number, receivedAt: number): number =>
  serverTime - (sentAt + receivedAt) / 2;

/** Seconds at which screen readers hear the time left: milestones, not every second. */
export const TIMER_ANNOUNCE_AT_S = [600, 300, 120, 60, 30, 10, 0];
