import { describe, expect, it } from 'vitest';
import { DEFAULT_HUB_OPTIONS, FLUSH_DUTY, nextFlushAt, PACE_MAX_MS, PACE_MIN_MS } from '../../server/hub.js';

const opts = { flushIntervalMs: 3, presenceIntervalMs: 16 };

describe('flush pacing', () => {
  it('a cheap flush (a board of a few people) keeps the configured windows', () => {
    const cheap = PACE_MIN_MS / 2;
    expect(nextFlushAt(100, 99, cheap, true, opts)).toBe(102);
    expect(nextFlushAt(100, 99, cheap, false, opts)).toBe(115);
    // Never in the past: an idle server flushes a change at the end of its turn.
    expect(nextFlushAt(100, 10, cheap, true, opts)).toBe(100);
  });

  it('writes that take longer stretch the interval so they take at most FLUSH_DUTY of the thread', () => {
    // 200 sockets: a flush spends ~4 ms writing; the next may start 4 / FLUSH_DUTY ms after it began.
    const at = nextFlushAt(100, 100, 4, true, opts);
    expect(at).toBe(100 + 4 / FLUSH_DUTY);
    expect(4 / (at - 100)).toBeLessThanOrEqual(FLUSH_DUTY);
    // Presence already waits longer than that; very slow writes are capped.
    expect(nextFlushAt(100, 100, 4, false, opts)).toBe(116);
    expect(nextFlushAt(100, 100, 200, true, opts)).toBe(100 + PACE_MAX_MS);
  });

  it('the defaults pace nothing below a millisecond of writes', () => {
    expect(nextFlushAt(0, 0, 0.9, true, DEFAULT_HUB_OPTIONS)).toBe(DEFAULT_HUB_OPTIONS.flushIntervalMs);
    expect(nextFlushAt(0, 0, 2, true, DEFAULT_HUB_OPTIONS)).toBe(Math.max(DEFAULT_HUB_OPTIONS.flushIntervalMs, 2 / FLUSH_DUTY));
  });
});
