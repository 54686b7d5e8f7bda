import { useMemo } from 'react';
import type { Peer } from './usePresence.js';

/** Participants on the board now (one per person, however many tabs), per team id ('' for none). */
export function usePeopleByTeam(peers: readonly Peer[]): ReadonlyMap<string, number> {
  return useMemo(() => {
    const byTeam = new Map<string, number>();
    const seen = new Set<string>();
    for (const p of peers) {
      if (p.user.role !== 'participant' || seen.has(p.user.id)) continue;
      seen.add(p.user.id);
      byTeam.set(p.user.team, (byTeam.get(p.user.team) ?? 0) + 1);
    }
    return byTeam;
  }, [peers]);
}
