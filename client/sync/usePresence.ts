/**
 * Awareness: who is here and where their pointer is. Temporary by nature, so it never touches
 * the document. Remote states are untrusted and go through restorePresence.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Point, PresenceState } from '../../shared/schema.js';
import { restorePresence } from '../../shared/validate.js';
import { cursorIntervalMs } from './cursorThrottle.js';

export interface Peer extends PresenceState {
  clientId: number;
}

export interface Presence {
  /** Everyone else, one entry per connected tab. */
  peers: Peer[];
  /** Throttled; null when the pointer leaves the board. */
  setCursor: (p: Point | null) => void;
}

function readPeers(awareness: Awareness): Peer[] {
  const out: Peer[] = [];
  awareness.getStates().forEach((raw, clientId) => {
    if (clientId === awareness.clientID) return;
    const state = restorePresence(raw);
    if (state) out.push({ clientId, ...state });
  });
  return out.sort((a, b) => a.clientId - b.clientId);
}

export function usePresence(awareness: Awareness, user: PresenceState['user']): Presence {
  const [peers, setPeers] = useState<Peer[]>(() => readPeers(awareness));
  const lastSent = useRef(0);
  // Read by the throttle at send time: the interval follows the room's size without re-subscribing.
  const interval = useRef(cursorIntervalMs(0));
  const pending = useRef<{ point: Point | null; timer: ReturnType<typeof setTimeout> | null }>({ point: null, timer: null });

  useEffect(() => {
    const publish = () => {
      const prev = awareness.getLocalState() as (Partial<PresenceState> & Record<string, unknown>) | null;
      // Other fields (the facilitator's shared view) stay: only who we are is republished.
      awareness.setLocalState({ ...prev, user, cursor: prev?.cursor ?? null });
    };
    publish();
    // Coming back from the back/forward cache: the pagehide handler cleared our state.
    window.addEventListener('pageshow', publish);
    return () => window.removeEventListener('pageshow', publish);
  }, [awareness, user]);

  useEffect(() => {
    const onChange = (changes?: { added: number[]; updated: number[]; removed: number[] }) => {
      // Our own cursor changes many times a second while the pointer moves; peers leaves us out,
      // so re-rendering the board for it would redraw every note for nothing.
      if (changes && [...changes.added, ...changes.updated, ...changes.removed].every((id) => id === awareness.clientID)) return;
      const next = readPeers(awareness);
      interval.current = cursorIntervalMs(next.length);
      setPeers(next);
    };
    awareness.on('change', onChange);
    onChange();
    return () => awareness.off('change', onChange);
  }, [awareness]);

  useEffect(() => () => {
    if (pending.current.timer !== null) clearTimeout(pending.current.timer);
  }, []);

  const setCursor = useCallback(
    (point: Point | null) => {
      const flush = () => {
        pending.current.timer = null;
        lastSent.current = performance.now();
        if (awareness.getLocalState() !== null) awareness.setLocalStateField('cursor', pending.current.point);
      };
      pending.current.point = point;
      if (pending.current.timer !== null) return;
      const wait = interval.current - (performance.now() - lastSent.current);
      if (wait <= 0) flush();
      else pending.current.timer = setTimeout(flush, wait);
    },
    [awareness],
  );

  return { peers, setCursor };
}
