import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { getMeta } from '../../shared/schema.js';

/**
 * One value derived from the board's meta (voting, results, timer, modes), as a stable
 * snapshot: the same object until its content changes, so components that take it as a prop
 * or a dependency do not re-render on every unrelated meta write (a timer tick elsewhere).
 * Content equality is by JSON: the values are plain data the server wrote.
 */
export function useMetaValue<T>(doc: Y.Doc, select: (doc: Y.Doc) => T): T {
  const cache = useRef<{ json: string; value: T } | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => {
      const meta = getMeta(doc);
      meta.observe(listener);
      return () => meta.unobserve(listener);
    },
    [doc],
  );
  const snapshot = () => {
    const value = select(doc);
    const json = JSON.stringify(value) ?? 'null';
    if (cache.current && cache.current.json === json) return cache.current.value;
    cache.current = { json, value };
    return value;
  };
  return useSyncExternalStore(subscribe, snapshot);
}
