/**
 * Which moments of a countdown are spoken to screen-reader users: the milestones of
 * TIMER_ANNOUNCE_AT_S (10, 5, 2, 1 minutes, 30 and 10 seconds, time's up), never every second.
 */
import { TIMER_ANNOUNCE_AT_S } from '../../shared/timer.js';

/** Last this long: the display stands out (the room's "wrap up now"). */
export const FINAL_SECONDS = 10;

/**
 * The milestone passed when the time left went from `before` to `now` seconds (counting
 * down), or null. A jump over several (a tab asleep) speaks only the latest one.
 */
export function crossedMilestone(before: number, now: number, milestones: readonly number[] = TIMER_ANNOUNCE_AT_S): number | null {
  if (now >= before) return null;
  const passed = milestones.filter((m) => now <= m && m < before);
  return passed.length > 0 ? Math.min(...passed) : null;
}

/** "4:59", or "1:02:03" past an hour; seconds are rounded up so "0:00" means time is up. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
