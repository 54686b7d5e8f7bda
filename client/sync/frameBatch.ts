/**
 * Remote document changes reach React at most every other animation frame (about 30 times a
 * second). A busy room sends dozens of updates a second; drawing each one costs a render, a
 * layout and a paint of the board, most of it the same whether one note changed or five. On
 * a 1,000-note board at 50 remote updates a second, drawing them every frame kept the page's
 * main thread busy most of the time and frames were dropped; a remote change shown 17 ms later
 * is not noticed. Local changes are not deferred: a dropped note must be drawn where it landed
 * in the same frame as the drop, not a frame later back where it started.
 */

/** Least time between two remote redraws, ms: two 60 Hz frames, less a margin for timer jitter. */
export const MIN_REMOTE_INTERVAL_MS = 28;
/** Upper bound on the wait when frames do not come (a background tab), ms. */
const MAX_WAIT_MS = 100;

const pending = new Set<() => void>();
let frame: number | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastFlushAt = -Infinity;

/** `at`: the frame's time when a frame runs it (rAF times are frame starts, spaced evenly). */
function flush(at = performance.now()): void {
  if (frame !== null) cancelAnimationFrame(frame);
  if (timer !== null) clearTimeout(timer);
  frame = null;
  timer = null;
  lastFlushAt = at;
  const run = [...pending];
  pending.clear();
  for (const notify of run) notify();
}

function onFrame(now: number): void {
  frame = null;
  if (now - lastFlushAt < MIN_REMOTE_INTERVAL_MS) frame = requestAnimationFrame(onFrame);
  else flush(now);
}

/** Call `notify` before a coming frame is drawn, once however many times it was scheduled. */
export function notifyBeforeNextFrame(notify: () => void): void {
  pending.add(notify);
  if (frame !== null || timer !== null) return;
  const frames = typeof requestAnimationFrame === 'function';
  if (frames) frame = requestAnimationFrame(onFrame);
  timer = setTimeout(() => flush(), frames ? MAX_WAIT_MS : 0);
}

/** Call `notify` now, and drop it from the next batch (it is up to date). */
export function notifyNow(notify: () => void): void {
  pending.delete(notify);
  notify();
}
