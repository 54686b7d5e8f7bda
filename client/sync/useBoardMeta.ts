import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { selectMeta } from '../../shared/meta.js';
import type { Phase } from '../../shared/phases.js';
import { getMeta } from '../../shared/schema.js';

export interface BoardMetaView {
  title: string;
  phase: Phase;
  locked: boolean;
}

const cache = new WeakMap<Y.Doc, BoardMetaView>();

/** Read meta, reusing the previous object while nothing we show changed (a stable snapshot). */
function snapshot(doc: Y.Doc): BoardMetaView {
  const m = selectMeta(doc);
  const prev = cache.get(doc);
  if (prev && prev.title === m.title && prev.phase === m.phase && prev.locked === m.locked) return prev;
  const next = { title: m.title, phase: m.phase, locked: m.locked };
  cache.set(doc, next);
  return next;
}

/** Title, phase and lock: written by the server on facilitator commands, read by everyone. */
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
