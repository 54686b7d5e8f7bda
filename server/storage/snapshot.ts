/**
 * How a board's snapshot is encoded in storage. Compaction writes Yjs's V2 encoding: the server
 * encodes it from its own document, so no client's bytes ever reach a V2 decoder (see
 * server/updates.ts), and for a board edited for a long time it is several times smaller than
 * V1 (each overwritten value leaves a deleted item behind, and V2 packs those runs tightly:
 * 200 people editing for 45 minutes, 6.3 MB in V1, 1.4 MB in V2). Boards created before, and the
 * initial state of a new board, are V1.
 */
import * as Y from 'yjs';

export type SnapshotFormat = 1 | 2;

/** Apply a stored snapshot to `doc`. */
export function applySnapshot(doc: Y.Doc, snapshot: Uint8Array, format: SnapshotFormat, origin?: unknown): void {
  if (format === 2) Y.applyUpdateV2(doc, snapshot, origin);
  else Y.applyUpdate(doc, snapshot, origin);
}
