/**
 * Re-rendering a board of a thousand notes for one remote change must not cost a thousand prop
 * comparisons. A card's element is kept while every value it is made from stays the same (by
 * identity); React skips a reused element outright, before even comparing its props.
 */
import { useRef, type ReactElement } from 'react';
import type { NotePermissions } from './NoteCard.js';

interface Entry {
  deps: readonly unknown[];
  element: ReactElement;
  /** The render that last asked for it. */
  seen: number;
}

export interface ElementCache {
  /** The element for `key`: the cached one when `deps` are the same values, else `make(deps)`. */
  card<D extends readonly unknown[]>(key: string, deps: D, make: (deps: D) => ReactElement): ReactElement;
  /** End of a render: forget elements it did not ask for, once more are cached than `live`. Renders nothing. */
  prune(live: number): null;
}

const same = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

export function createElementCache(): ElementCache {
  const entries = new Map<string, Entry>();
  let render = 0;
  return {
    card(key, deps, make) {
      const hit = entries.get(key);
      if (hit && same(hit.deps, deps)) {
        hit.seen = render;
        return hit.element;
      }
      const element = make(deps);
      entries.set(key, { deps, element, seen: render });
      return element;
    },
    prune(live) {
      if (entries.size > live) for (const [k, e] of entries) if (e.seen !== render) entries.delete(k);
      render++;
      return null;
    },
  };
}

export function useElementCache(): ElementCache {
  const cache = useRef<ElementCache | null>(null);
  cache.current ??= createElementCache();
  return cache.current;
}

/** `permissions` remembered per author: the same answers as long as the function is the same. */
export function perAuthor(permissions: (author: string) => NotePermissions): (author: string) => NotePermissions {
  const known = new Map<string, NotePermissions>();
  return (author) => {
    let p = known.get(author);
    if (!p) known.set(author, (p = permissions(author)));
    return p;
  };
}
