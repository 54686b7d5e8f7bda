/**
 * How a board's snapshot is encoded in storage. Compaction writes Yjs's V2 encoding: the server
 * encodes it from its own document, so no client's bytes ever reach a V2 decoder (see
 * server/updates.ts), and for a board edited for a long time it is several times smaller than
 * V1 (each overwritten value leaves a deleted item behind, and V2 packs those runs tightly:
 * 200 people editing for 45 minutes, 6.3 MB in V1, 1.4 MB in V2). Boards created before, and the
 * initial state of a new board, are V1.
 *
 * A V2 snapshot goes in its own column. The V1 column, which a server from before reads, then
 * holds V2_STUB: a board whose schema version is beyond any server's, which that server refuses
 * to open ("needs a newer server") instead of reading V2 bytes as V1 (an empty board, which it
 * would go on to save over the real one).
 */
import * as Y from 'yjs';
import { getMeta } from '../../shared/schema.js';

export const V2_STUB: Uint8Array = (() => {
  const doc = new Y.Doc();
  getMeta(doc).set('schemaVersion', 2 ** 31);
  return Y.encodeStateAsUpdate(doc);
})();

export type SnapshotFormat = 1 | 2;

/** Apply a stored snapshot to `doc`. */
export function applySnapshot(doc: Y.Doc, snapshot: Uint8Array, format: SnapshotFormat, origin?: unknown): void {
  if (format === 2) Y.applyUpdateV2(doc, snapshot, origin);
  else Y.applyUpdate(doc, snapshot, origin);
}
