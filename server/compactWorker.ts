/**
 * The compaction thread's side (see compactor.ts): builds a board from its stored snapshot and
 * log, with garbage collection on as the server's documents have it, and encodes its state in
 * Yjs's V2 encoding, as snapshots are stored (see storage/snapshot.ts).
 *
 * It keeps the documents of the last few boards it compacted: the next compaction of a busy
 * board then applies only the rows stored since, instead of decoding its whole history again.
 * Boards of a SQLite file it reads itself, on a read-only connection of its own.
 */
import Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { unpackRows, type CompactorMessage, type CompactReply, type CompactRequest } from './compactor.js';
import { applySnapshot } from './storage/snapshot.js';
import { readFoldable } from './storage/sqlite.js';
import { lowerThisThreadPriority } from './thread.js';

const port = parentPort!;
lowerThisThreadPriority();
/** Boards whose documents are kept between compactions (least recently compacted dropped first). */
const KEEP = 4;
const kept = new Map<string, { doc: Y.Doc; seq: number; state: Uint8Array }>();

/** Read-only connections to the databases whose boards this thread reads, by file. */
const databases = new Map<string, Database.Database>();

function database(path: string): Database.Database {
  let db = databases.get(path);
  if (!db) {
    db = new Database(path, { readonly: true, fileMustExist: true });
    // As the server's own connection: wait out a lock (it blocks this thread, not the event loop).
    db.pragma('busy_timeout = 5000');
    databases.set(path, db);
  }
  return db;
}

const same = (a: Uint8Array | null, b: Uint8Array): boolean => a !== null && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

function compact(req: CompactRequest): Uint8Array {
  let entry = kept.get(req.boardId);
  kept.delete(req.boardId);
  // Usable only if it is exactly what is stored now: its last compaction was written, and no
  // other one since (the server's own, at shutdown or unload, may hold changes no row has).
  if (entry && (entry.seq !== req.snapshotSeq || !same(req.snapshot, entry.state))) {
    entry.doc.destroy();
    entry = undefined;
  }
  const doc = entry?.doc ?? new Y.Doc({ gc: true });
  try {
    // One transaction: Yjs's cost per transaction grows with the number of client ids.
    Y.transact(doc, () => {
      if (!entry && req.snapshot) applySnapshot(doc, req.snapshot, req.snapshotFormat);
      for (const u of req.updates) Y.applyUpdate(doc, u);
    });
  } catch (err) {
    doc.destroy();
    throw err;
  }
  const state = Y.encodeStateAsUpdateV2(doc);
  kept.set(req.boardId, { doc, seq: req.uptoSeq, state });
  if (kept.size > KEEP) {
    const [oldest, e] = kept.entries().next().value!;
    e.doc.destroy();
    kept.delete(oldest);
  }
  return state;
}

port.on('message', (msg: CompactorMessage) => {
  if (msg.type === 'forget') {
    kept.get(msg.boardId)?.doc.destroy();
    kept.delete(msg.boardId);
    return;
  }
  if (msg.type === 'kept') {
    port.postMessage({ id: msg.id, ok: true, kept: [...kept.keys()] } satisfies CompactReply);
    return;
  }
  try {
    let req: CompactRequest | null;
    if (msg.type === 'compactStored') {
      const read = readFoldable(database(msg.source.sqlitePath), msg.boardId, msg.uptoSeq);
      req = read && { id: msg.id, ...read };
    } else {
      const { rows, rowEnds, type: _type, ...rest } = msg;
      req = { ...rest, updates: unpackRows(rows, rowEnds) };
    }
    if (!req) {
      port.postMessage({ id: msg.id, ok: true, state: null } satisfies CompactReply);
      return;
    }
    // A copy goes back: the kept one is compared with what is stored next time.
    const state = compact(req).slice();
    port.postMessage({ id: msg.id, ok: true, state } satisfies CompactReply, [state.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies CompactReply);
  }
});
