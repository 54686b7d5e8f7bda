import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { selectMeta } from '../../shared/meta.js';
import type { Phase } from '../../shared/phases.js';
import { getMeta, type Team } from '../../shared/schema.js';

export interface BoardMetaView {
  title: string;
  phase: Phase;
  locked: boolean;
  teams: readonly Team[];
  /** The problem of practice ("How might we …?"), '' when the board has none yet. */
  problem: string;
}

const cache = new WeakMap<Y.Doc, BoardMetaView>();

const sameTeams = (a: readonly Team[], b: readonly Team[]): boolean =>
  a.length === b.length && a.every((t, i) => t.id === b[i]!.id && t.name === b[i]!.name && t.color === b[i]!.color);

/** Read meta, reusing the previous object while nothing we show changed (a stable snapshot). */
function snapshot(doc: Y.Doc): BoardMetaView {
  const m = selectMeta(doc);
  const problem = m.problem.trim();
  const prev = cache.get(doc);
  if (prev && prev.title === m.title && prev.phase === m.phase && prev.locked === m.locked && prev.problem === problem) {
    if (sameTeams(prev.teams, m.teams)) return prev;
  }
  // Teams keep their identity while unchanged: note cards are memoized on them.
  const teams = prev && sameTeams(prev.teams, m.teams) ? prev.teams : m.teams;
  const next = { title: m.title, phase: m.phase, locked: m.locked, teams, problem };
  cache.set(doc, next);
  return next;
}

/** Title, problem, phase, lock, teams: written by the server on facilitator commands, read by everyone. */
export function useBoardMeta(doc: Y.Doc): BoardMetaView {
  return useSyncExternalStore(
    (listener) => {
      const meta = getMeta(doc);
      meta.observe(listener);
      return () => meta.unobserve(listener);
    },
    () => snapshot(doc),
  );
}
