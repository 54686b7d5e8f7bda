/**
 * Remote document changes reach React at most once per animation frame. A busy room sends
 * dozens of updates a second; rendering each one on arrival re-renders the board several
 * times a frame. Local changes are not deferred: a dropped note must be drawn where it landed
 * in the same frame as the drop, not a frame later back where it started.
 */

/** Upper bound on the wait when frames do not come (a background tab), ms. */
const MAX_WAIT_MS = 100;

const pending = new Set<() => void>();
let frame: number | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function flush(): void {
  if (frame !== null) cancelAnimationFrame(frame);
  if (timer !== null) clearTimeout(timer);
  frame = null;
  timer = null;
  const run = [...pending];
  pending.clear();
  for (const notify of run) notify();
}

/** Call `notify` before the next frame is drawn, once however many times it was scheduled. */
export function notifyBeforeNextFrame(notify: () => void): void {
  pending.add(notify);
  if (frame !== null || timer !== null) return;
  const frames = typeof requestAnimationFrame === 'function';
  if (frames) frame = requestAnimationFrame(flush);
  timer = setTimeout(flush, frames ? MAX_WAIT_MS : 0);
}

/** Call `notify` now, and drop it from the next frame's batch (it is up to date). */
export function notifyNow(notify: () => void): void {
  pending.delete(notify);
  notify();
}
