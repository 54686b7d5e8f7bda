import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type FrameBatch = typeof import('../../client/sync/frameBatch.js');

/** A 60 Hz frame clock the test advances by hand: requestAnimationFrame callbacks run on tick(). */
function frameClock() {
  let now = 1_000;
  let callbacks = new Map<number, FrameRequestCallback>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    callbacks.set(next, cb);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => callbacks.delete(id));
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  return {
    tick(): void {
      now += 1000 / 60;
      const run = callbacks;
      callbacks = new Map();
      for (const cb of run.values()) cb(now);
    },
  };
}

describe('frameBatch', () => {
  let fb: FrameBatch;
  let clock: ReturnType<typeof frameClock>;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    clock = frameClock();
    vi.resetModules();
    fb = await import('../../client/sync/frameBatch.js');
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('announces a burst of remote changes once, at the next frame', () => {
    const notify = vi.fn();
    for (let i = 0; i < 5; i++) fb.notifyBeforeNextFrame(notify);
    expect(notify).not.toHaveBeenCalled();
    clock.tick();
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('redraws remote changes at most every other frame', () => {
    const notify = vi.fn();
    const frames: number[] = [];
    for (let f = 1; f <= 12; f++) {
      // A change arrives before every frame (60 a second).
      fb.notifyBeforeNextFrame(notify);
      const before = notify.mock.calls.length;
      clock.tick();
      if (notify.mock.calls.length > before) frames.push(f);
    }
    expect(frames).toEqual([1, 3, 5, 7, 9, 11]);
  });

  it('does not hold back a change that follows a quiet spell', () => {
    const notify = vi.fn();
    fb.notifyBeforeNextFrame(notify);
    clock.tick();
    clock.tick();
    clock.tick();
    fb.notifyBeforeNextFrame(notify);
    clock.tick();
    expect(notify).toHaveBeenCalledTimes(2);
  });

  it('announces local changes at once and drops them from the waiting batch', () => {
    const notify = vi.fn();
    fb.notifyBeforeNextFrame(notify);
    fb.notifyNow(notify);
    expect(notify).toHaveBeenCalledTimes(1);
    clock.tick();
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('still announces when no frames come (a background tab)', () => {
    const notify = vi.fn();
    fb.notifyBeforeNextFrame(notify);
    vi.advanceTimersByTime(99);
    expect(notify).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(notify).toHaveBeenCalledTimes(1);
  });
});
