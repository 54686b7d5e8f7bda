/** A board as storage holds it, rebuilt: its snapshot (V1 or V2) and then its log rows. */
import * as Y from 'yjs';
import { applySnapshot } from '../../server/storage/snapshot.js';
import type { SqliteStore } from '../../server/storage/sqlite.js';
import type { LoadedBoard } from '../../server/storage/types.js';

export function storedDoc(loaded: LoadedBoard): Y.Doc {
  const doc = new Y.Doc();
  if (loaded.snapshot) applySnapshot(doc, loaded.snapshot, loaded.snapshotFormat);
  for (const u of loaded.updates) Y.applyUpdate(doc, u.data);
  return doc;
}

/** The store's checkpoint thread last answered that it emptied the WAL file. */
export function walEmptied(store: SqliteStore): boolean {
  const last = store.checkpointer?.last;
  return last?.ok === true && last.truncated;
}
