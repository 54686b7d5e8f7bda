/**
 * The compaction thread's side (see compactor.ts): builds a board from its stored snapshot and
 * log, with garbage collection on as the server's documents have it, and encodes its state in
 * Yjs's V2 encoding, as snapshots are stored (see storage/snapshot.ts).
 *
 * It keeps the documents of the last few boards it compacted: the next compaction of a busy
 * board then applies only the rows stored since, instead of decoding its whole history again.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { unpackRows, type CompactorMessage, type CompactReply, type CompactRequest } from './compactor.js';
import { applySnapshot } from './storage/snapshot.js';
import { lowerThisThreadPriority } from './thread.js';

const port = parentPort!;
lowerThisThreadPriority();
/** Boards whose documents are kept between compactions (least recently compacted dropped first). */
const KEEP = 4;
const kept = new Map<string, { doc: Y.Doc; seq: number; state: Uint8Array }>();

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
  const { rows, rowEnds, ...rest } = msg;
  const req: CompactRequest = { ...rest, updates: unpackRows(rows, rowEnds) };
  try {
    // A copy goes back: the kept one is compared with what is stored next time.
    const state = compact(req).slice();
    port.postMessage({ id: req.id, ok: true, state } satisfies CompactReply, [state.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies CompactReply);
  }
});
