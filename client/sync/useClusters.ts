import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { selectClusters } from '../../shared/clusters.js';
import { getClusters, type Cluster } from '../../shared/schema.js';
import { notifyBeforeNextFrame, notifyNow } from './frameBatch.js';

const sameCluster = (a: Cluster, b: Cluster): boolean =>
  a.name === b.name && a.description === b.description && a.color === b.color &&
  a.pos.x === b.pos.x && a.pos.y === b.pos.y && a.size.w === b.size.w && a.size.h === b.size.h &&
  a.order === b.order && a.deleted === b.deleted && a.mergedInto === b.mergedInto;

/**
 * A snapshot store over the categories root, deleted ones included: a note whose category
 * was deleted concurrently still sits relative to it until someone moves it, so its position
 * is needed to draw the note. Unchanged categories keep their object (memoized frames).
 */
class ClustersStore {
  private snapshot: Cluster[];
  private byId = new Map<string, Cluster>();
  private readonly listeners = new Set<() => void>();
  /** Read again on the next getSnapshot (remote changes are announced once a frame: frameBatch.ts). */
  private stale = false;

  constructor(private readonly doc: Y.Doc) {
    this.snapshot = this.read(doc);
    getClusters(doc).observeDeep((_events, tr) => {
      this.stale = true;
      if (tr.local) notifyNow(this.emit);
      else notifyBeforeNextFrame(this.emit);
    });
  }

  private read(doc: Y.Doc): Cluster[] {
    const next = new Map<string, Cluster>();
    const all = selectClusters(doc, true).map((c) => {
      const prev = this.byId.get(c.id);
      const kept = prev && sameCluster(prev, c) ? prev : c;
      next.set(c.id, kept);
      return kept;
    });
    this.byId = next;
    return all;
  }

  private readonly emit = (): void => {
    for (const l of this.listeners) l();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Cluster[] => {
    if (this.stale) {
      this.stale = false;
      this.snapshot = this.read(this.doc);
    }
    return this.snapshot;
  };
}

const stores = new WeakMap<Y.Doc, ClustersStore>();

/** Every category in order, deleted ones included (filter on `deleted` for the live ones). */
export function useClusters(doc: Y.Doc): readonly Cluster[] {
  let store = stores.get(doc);
  if (!store) {
    store = new ClustersStore(doc);
    stores.set(doc, store);
  }
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
