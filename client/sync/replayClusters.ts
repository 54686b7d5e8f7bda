/**
 * The category half of replayUnsent: which category changes of the old document the server
 * never saw, each with the action the rules judge it by. Split in two so the caller can apply
 * them around the notes' changes: categories are made (or brought back) before notes are sorted
 * into them, and deleted only after notes have left them.
 */
import type * as Y from 'yjs';
import {
  createCluster, deleteCluster, describeCluster, mergeClusters, moveCluster, recolorCluster, renameCluster,
  resizeCluster, selectCluster, selectClusters,
} from '../../shared/clusters.js';
import { isClusterId } from '../../shared/ids.js';
import type { Action } from '../../shared/policy.js';
import { getClusters, type Cluster } from '../../shared/schema.js';

export type ReplayChange = { action: Action; apply: () => void };

const WRITE: Action = { kind: 'category.write' };
const REMOVE: Action = { kind: 'category.remove' };

/**
 * Restore one field to the value the person's own device already had. The shared operations
 * derive `order` and the deleted flag from an intent (an index, a merge); a replay has the
 * outcome, not the intent, so it writes the value itself.
 */
function restoreField(doc: Y.Doc, id: string, key: 'order' | 'deleted' | 'mergedInto', value: unknown): void {
  const c = getClusters(doc).get(id);
  if (c && c.get(key) !== value) c.set(key, value);
}

function recreate(server: Y.Doc, c: Cluster): void {
  if (!isClusterId(c.id)) return;
  createCluster(server, {
    id: c.id, name: c.name, description: c.description, color: c.color, pos: c.pos, size: c.size, createdBy: c.createdBy, now: c.createdAt,
  });
  restoreField(server, c.id, 'order', c.order);
}

/** Unsent category changes of `merged` (server state + old document) relative to `server`. */
export function clusterChanges(server: Y.Doc, merged: Y.Doc): { before: ReplayChange[]; after: ReplayChange[] } {
  const now = new Map(selectClusters(server, true).map((c) => [c.id, c]));
  const before: ReplayChange[] = [];
  const after: ReplayChange[] = [];
  for (const c of selectClusters(merged, true)) {
    const cur = now.get(c.id);
    if (!cur) {
      // Made and deleted while unsent: nothing anyone would miss.
      if (!c.deleted) before.push({ action: WRITE, apply: () => recreate(server, c) });
      continue;
    }
    if (cur.deleted && !c.deleted) {
      // Brought back (an undone delete): before the notes that return to it.
      before.push({ action: REMOVE, apply: () => {
        restoreField(server, c.id, 'deleted', false);
        restoreField(server, c.id, 'mergedInto', '');
      } });
    }
    if (c.name !== cur.name) before.push({ action: WRITE, apply: () => renameCluster(server, c.id, c.name) });
    if (c.description !== cur.description) before.push({ action: WRITE, apply: () => describeCluster(server, c.id, c.description) });
    if (c.color !== cur.color) before.push({ action: WRITE, apply: () => recolorCluster(server, c.id, c.color) });
    if (c.pos.x !== cur.pos.x || c.pos.y !== cur.pos.y) before.push({ action: WRITE, apply: () => moveCluster(server, c.id, c.pos) });
    if (c.size.w !== cur.size.w || c.size.h !== cur.size.h) before.push({ action: WRITE, apply: () => resizeCluster(server, c.id, c.size) });
    if (c.order !== cur.order) before.push({ action: WRITE, apply: () => restoreField(server, c.id, 'order', c.order) });
    if (c.deleted && !cur.deleted) {
      after.push({ action: REMOVE, apply: () => {
        const into = c.mergedInto ? selectCluster(server, c.mergedInto) : null;
        if (into && !into.deleted) mergeClusters(server, c.id, into.id);
        else deleteCluster(server, c.id);
      } });
    }
  }
  return { before, after };
}
