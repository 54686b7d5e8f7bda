import { useSyncExternalStore } from 'react';
import type { SaveState, SaveTracker } from './saveTracker.js';

export function useSaveState(tracker: SaveTracker): SaveState {
  return useSyncExternalStore(tracker.subscribe, tracker.getState);
}
