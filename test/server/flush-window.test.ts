/** The flush window: short while the server is idle, longer while its event loop is busy. */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_HUB_OPTIONS, FLUSH_BUSY_AT, FLUSH_BUSY_FROM, flushWindowMs, Hub } from '../../server/hub.js';
import { silentLogger } from '../../server/log.js';
import { SqliteStore } from '../../server/storage/sqlite.js';
import { tempDir } from '../helpers/server.js';

const opts = { flushIntervalMs: 3, busyFlushIntervalMs: 12 };

describe('flush window', () => {
  it('is the short window up to FLUSH_BUSY_FROM, the busy one from FLUSH_BUSY_AT, in proportion between', () => {
    expect(flushWindowMs(0, opts)).toBe(3);
    expect(flushWindowMs(FLUSH_BUSY_FROM, opts)).toBe(3);
    expect(flushWindowMs((FLUSH_BUSY_FROM + FLUSH_BUSY_AT) / 2, opts)).toBeCloseTo(7.5, 5);
    expect(flushWindowMs(FLUSH_BUSY_AT, opts)).toBe(12);
    expect(flushWindowMs(1, opts)).toBe(12);
    expect(flushWindowMs(NaN, opts)).toBe(3);
    // A busy window shorter than the short one: the window is fixed.
    expect(flushWindowMs(1, { flushIntervalMs: 50, busyFlushIntervalMs: 12 })).toBe(50);
  });

  describe('on a Hub', () => {
    const tmp = tempDir();
    const store = new SqliteStore(join(tmp.dir, 'w.db'));
    afterAll(async () => {
      await store.close();
      tmp.cleanup();
    });

    it('grows while the event loop is busy and shrinks again once it is idle', async () => {
      const hub = new Hub(store, silentLogger, { ...DEFAULT_HUB_OPTIONS, flushIntervalMs: 3, busyFlushIntervalMs: 12 });
      try {
        // The event loop busy all the time since the Hub started: the longest window.
        const until = performance.now() + 300;
        while (performance.now() < until) { /* busy */ }
        expect(hub.flushWindow()).toBeGreaterThan(10);
        // Idle for a while: the short window again.
        await new Promise((r) => setTimeout(r, 300));
        expect(hub.flushWindow()).toBe(3);
      } finally {
        await hub.close();
      }
    });
  });
});
