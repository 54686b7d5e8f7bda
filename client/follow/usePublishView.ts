import { useEffect, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Viewport } from '../board/viewport.js';
import { FOLLOW_PUBLISH_MS, type SharedView } from './sharedView.js';

/**
 * The facilitator's side of "follow me": while it is on, their camera and canvas size go into
 * their presence, throttled; when it goes off, the field is cleared so nobody keeps following.
 */
export function usePublishView(awareness: Awareness, on: boolean, viewport: Viewport, size: () => { width: number; height: number }): void {
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef<SharedView | null>(null);

  useEffect(() => {
    if (!on) {
      if (awareness.getLocalState()?.viewport) awareness.setLocalStateField('viewport', null);
      return;
    }
    const { width, height } = size();
    if (width === 0 || height === 0) return;
    latest.current = { x: Math.round(viewport.x), y: Math.round(viewport.y), zoom: Math.round(viewport.zoom * 1000) / 1000, width, height };
    const flush = () => {
      timer.current = null;
      const next = latest.current;
      const state = awareness.getLocalState();
      // Every presence update reaches every peer: send nothing when nothing moved.
      if (!next || state === null || JSON.stringify(state.viewport) === JSON.stringify(next)) return;
      last.current = performance.now();
      awareness.setLocalStateField('viewport', next);
    };
    if (timer.current !== null) return;
    const wait = FOLLOW_PUBLISH_MS - (performance.now() - last.current);
    if (wait <= 0) flush();
    else timer.current = setTimeout(flush, wait);
  }, [awareness, on, viewport, size]);

  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);
}
