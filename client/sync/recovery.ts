/**
 * Recovery from refused writes, and its limits. A refusal the client did not see coming means
 * its copy of the rules and the server's disagree; replaying could then be refused again, and
 * again. So: replay once, then start clean, then stop and say so.
 */
import type { Refusal } from '../access/reasons.js';

/** The window over which refusals are counted. */
export const RECOVERY_WINDOW_MS = 60_000;
/** Refusals within the window that still carry unsent work over to the new session. */
const REPLAYS_PER_WINDOW = 1;
/** Refusals within the window after which the page stops recovering by itself. */
const RECOVERIES_PER_WINDOW = 3;

export type Recovery =
  /** A fresh session is syncing; what was kept is not known yet. */
  | { status: 'pending' }
  | { status: 'done'; kept: number; dropped: Refusal[] };

export class RecoveryBudget {
  private times: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Record one refusal; what the recovery from it may do. */
  take(): 'replay' | 'fresh' | 'exhausted' {
    const t = this.now();
    this.times = this.times.filter((x) => t - x < RECOVERY_WINDOW_MS);
    this.times.push(t);
    if (this.times.length <= REPLAYS_PER_WINDOW) return 'replay';
    return this.times.length <= RECOVERIES_PER_WINDOW ? 'fresh' : 'exhausted';
  }
}
