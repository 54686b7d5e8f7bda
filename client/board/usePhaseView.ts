import { useEffect, useRef, useState } from 'react';
import type { Phase } from '../../shared/phases.js';

/** The main area: the canvas, the outline, or the current phase's own screen (setup, ballot, results). */
export type BoardView = 'board' | 'outline' | 'panel';

/** Phases with a screen of their own: Frame (setup), Vote, Decide and Plan (ballot, results, decision). */
export const hasPanel = (phase: Phase): boolean => phase === 'frame' || phase === 'vote' || phase === 'decide' || phase === 'plan';

/**
 * Which view to show. A phase change brings everyone to what the phase is about (the ballot
 * when voting starts, the board when brainstorming starts); in between, people switch freely.
 */
export function usePhaseView(phase: Phase): [BoardView, (v: BoardView) => void] {
  const [view, setView] = useState<BoardView>(() => (hasPanel(phase) ? 'panel' : 'board'));
  const prev = useRef(phase);
  useEffect(() => {
    if (prev.current === phase) return;
    prev.current = phase;
    setView((v) => (hasPanel(phase) ? 'panel' : v === 'panel' ? 'board' : v));
  }, [phase]);
  return [hasPanel(phase) || view !== 'panel' ? view : 'board', setView];
}
