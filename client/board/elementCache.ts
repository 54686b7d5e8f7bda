/**
 * Re-rendering a board of a thousand notes for one remote change must not cost a thousand memo
 * components' work. A card's element is kept while its props stay the same values (by identity);
 * React skips a reused element outright, before its memo even compares props.
 */
import { useRef, type ReactElement } from 'react';
import type { NotePermissions } from './NoteCard.js';

interface Entry {
  props: object;
  element: ReactElement;
  /** The render that last asked for it. */
  seen: number;
}

export interface ElementCache {
  /** The element for `key`: the cached one when `props` hold the same values, else `make(props)`. */
  card<P extends object>(key: string, props: P, make: (props: P) => ReactElement): ReactElement;
  /** End of a render: forget elements it did not ask for, once more are cached than `live`. Renders nothing. */
  prune(live: number): null;
}

/** Props built by the same code have the same keys: comparing the values is enough. */
function same(a: object, b: object): boolean {
  for (const k in a) if (!Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

export function createElementCache(): ElementCache {
  const entries = new Map<string, Entry>();
  let render = 0;
  return {
    card(key, props, make) {
      const hit = entries.get(key);
      if (hit && same(hit.props, props)) {
        hit.seen = render;
        return hit.element;
      }
      const element = make(props);
      entries.set(key, { props, element, seen: render });
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
