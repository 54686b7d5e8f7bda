import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { selectTimer } from '../../shared/meta.js';
import { isRunning, remainingMs, type TimerState } from '../../shared/timer.js';
import { useServerClockOffset } from '../sync/serverClock.js';
import { useMetaValue } from '../sync/useMetaValue.js';

/** Often enough that the seconds change on time; the display re-renders only when they do. */
const TICK_MS = 200;

/** The board's timer as the server wrote it (null: none set). */
export const useTimerState = (doc: Y.Doc): TimerState | null => useMetaValue(doc, selectTimer);

export interface TimerView {
  timer: TimerState | null;
  /** Whole seconds left, rounded up: "0" only when time is really up. */
  seconds: number;
  running: boolean;
}

/** Seconds left on `timer`, on the server's clock (so every screen in every room agrees). */
export function useTimerSeconds(timer: TimerState | null): TimerView {
  const offset = useServerClockOffset();
  const left = (t: TimerState) => Math.ceil(remainingMs(t, Date.now() + offset) / 1000);
  const [seconds, setSeconds] = useState(() => (timer ? left(timer) : 0));
  const running = timer !== null && isRunning(timer);
  useEffect(() => {
    if (!timer) return;
    const update = () => setSeconds(left(timer));
    update();
    if (!isRunning(timer)) return;
    const id = setInterval(update, TICK_MS);
    return () => clearInterval(id);
    // `left` reads only timer and offset.
  }, [timer, offset]);
  return { timer, seconds: timer ? seconds : 0, running: running && seconds > 0 };
}
