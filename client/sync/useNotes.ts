import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { selectNotes } from '../../shared/notes.js';
import { getNotes, type Note } from '../../shared/schema.js';

const sameNote = (a: Note, b: Note): boolean =>
  a.text === b.text && a.pos.x === b.pos.x && a.pos.y === b.pos.y && a.color === b.color &&
  a.authorName === b.authorName && a.author === b.author && a.team === b.team && a.clusterId === b.clusterId &&
  a.hidden === b.hidden && a.createdAt === b.createdAt && a.updatedAt === b.updatedAt;

/**
 * A snapshot store over the notes root. Unchanged notes keep their previous object, so
 * memoized note cards skip re-rendering when one note of two thousand moves.
 */
class NotesStore {
  private snapshot: Note[];
  private byId = new Map<string, Note>();
  private readonly listeners = new Set<() => void>();

  constructor(doc: Y.Doc) {
    this.snapshot = this.read(doc);
    // One observer for the doc's lifetime (Y.Doc.destroy drops it), however many components read.
    getNotes(doc).observeDeep(() => {
      this.snapshot = this.read(doc);
      for (const l of this.listeners) l();
    });
  }

  private read(doc: Y.Doc): Note[] {
    const next = new Map<string, Note>();
    const notes = selectNotes(doc).map((n) => {
      const prev = this.byId.get(n.id);
      const kept = prev && sameNote(prev, n) ? prev : n;
      next.set(n.id, kept);
      return kept;
    });
    this.byId = next;
    return notes;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Note[] => this.snapshot;
}

const stores = new WeakMap<Y.Doc, NotesStore>();

export function useNotes(doc: Y.Doc): Note[] {
  let store = stores.get(doc);
  if (!store) {
    store = new NotesStore(doc);
    stores.set(doc, store);
  }
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
