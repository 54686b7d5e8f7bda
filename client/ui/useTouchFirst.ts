import { useSyncExternalStore } from 'react';

/** A device whose main pointer is a finger: no hover, no double-click habit, no N key. */
const TOUCH_FIRST = '(hover: none) and (pointer: coarse)';

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(TOUCH_FIRST);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/** Whether to word instructions for touch ("tap +") rather than mouse and keyboard. */
export function useTouchFirst(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(TOUCH_FIRST).matches, () => false);
}
