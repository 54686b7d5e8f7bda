import { useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { notifyBeforeNextFrame, notifyNow } from './frameBatch.js';
import { restoreNote } from '../../shared/validate.js';
import { getNotes, type Note, type NoteMap } from '../../shared/schema.js';

const sameNote = (a: Note, b: Note): boolean =>
  a.text === b.text && a.pos.x === b.pos.x && a.pos.y === b.pos.y && a.color === b.color &&
  a.authorName === b.authorName && a.author === b.author && a.team === b.team && a.clusterId === b.clusterId &&
  a.hidden === b.hidden && a.createdAt === b.createdAt && a.updatedAt === b.updatedAt;

/** The order of shared selectNotes: oldest first, ties by id. */
const byCreation = (a: Note, b: Note): number => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const readNote = (notes: Y.Map<NoteMap>, id: string): Note | null => {
  const m = notes.get(id);
  return m instanceof Y.Map ? restoreNote(id, m.toJSON() as Record<string, unknown>) : null;
};

/**
 * A snapshot store over the notes root, the same list as shared selectNotes. Only the notes a
 * change touched are read again (observeDeep says which), and unchanged notes keep their
 * previous object, so memoized note cards skip re-rendering when one note of a thousand moves.
 * The snapshot is rebuilt lazily, when React asks for it, and remote changes are announced at
 * most once a frame (frameBatch.ts), so a burst of updates costs one read and one render.
 */
export class NotesStore {
  private snapshot: Note[] = [];
  private byId = new Map<string, Note>();
  /** Notes changed since the last snapshot was taken; null when none. */
  private dirty: Set<string> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly root: Y.Map<NoteMap>;

  constructor(doc: Y.Doc) {
    this.root = getNotes(doc);
    // One observer for the doc's lifetime (Y.Doc.destroy drops it), however many components read.
    this.root.observeDeep((events, tr) => {
      // Events can only be read inside the observer; remember which notes they touched.
      const dirty = this.dirty ?? new Set<string>();
      for (const e of events) {
        if (e.target === this.root) for (const key of e.changes.keys.keys()) dirty.add(key);
        else if (typeof e.path[0] === 'string') dirty.add(e.path[0]);
      }
      this.dirty = dirty;
      if (tr.local) notifyNow(this.emit);
      else notifyBeforeNextFrame(this.emit);
    });
    this.readAll();
  }

  private readAll(): void {
    const next = new Map<string, Note>();
    this.root.forEach((_, id) => {
      const n = readNote(this.root, id);
      if (!n) return;
      const prev = this.byId.get(id);
      next.set(id, prev && sameNote(prev, n) ? prev : n);
    });
    this.byId = next;
    this.snapshot = [...next.values()].sort(byCreation);
  }

  private readDirty(ids: Set<string>): void {
    let resort = false;
    let changed = false;
    for (const id of ids) {
      const prev = this.byId.get(id);
      const n = readNote(this.root, id);
      if (!n) {
        if (prev) {
          this.byId.delete(id);
          resort = true;
        }
        continue;
      }
      if (prev && sameNote(prev, n)) continue;
      this.byId.set(id, n);
      changed = true;
      if (!prev || prev.createdAt !== n.createdAt) resort = true;
    }
    if (resort) this.snapshot = [...this.byId.values()].sort(byCreation);
    else if (changed) this.snapshot = this.snapshot.map((n) => this.byId.get(n.id) ?? n);
  }

  private readonly emit = (): void => {
    for (const l of this.listeners) l();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Note[] => {
    const dirty = this.dirty;
    if (dirty) {
      this.dirty = null;
      this.readDirty(dirty);
    }
    return this.snapshot;
  };
}

const stores = new WeakMap<Y.Doc, NotesStore>();

export function notesStore(doc: Y.Doc): NotesStore {
  let store = stores.get(doc);
  if (!store) {
    store = new NotesStore(doc);
    stores.set(doc, store);
  }
  return store;
}

export function useNotes(doc: Y.Doc): Note[] {
  const store = notesStore(doc);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
