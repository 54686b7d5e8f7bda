import { useMemo } from 'react';
import type * as Y from 'yjs';
import type { ClusterCounts } from '../../shared/clusters.js';
import type { Cluster, Note, Point } from '../../shared/schema.js';
import { groupNotes } from './noteGroups.js';
import { useClusters } from './useClusters.js';
import { useNotes } from './useNotes.js';

/** Notes and categories as every view draws them: one read of the document, shared. */
export interface BoardContent {
  notes: readonly Note[];
  /** Live categories, in outline order. */
  clusters: readonly Cluster[];
  /** Every category by id, deleted ones too (a note may still sit relative to one). */
  clusterById: ReadonlyMap<string, Cluster>;
  /** Notes per live category; '' holds the unsorted ones (including orphans of a deleted category). */
  groups: ReadonlyMap<string, readonly Note[]>;
  counts: ReadonlyMap<string, ClusterCounts>;
}

/** Where a note is on the board: inside a category its stored position is relative to it. */
export function boardPos(note: Note, clusterById: ReadonlyMap<string, Cluster>): Point {
  const c = note.clusterId ? clusterById.get(note.clusterId) : undefined;
  return c ? { x: c.pos.x + note.pos.x, y: c.pos.y + note.pos.y } : note.pos;
}

export function useBoardContent(doc: Y.Doc): BoardContent {
  const notes = useNotes(doc);
  const all = useClusters(doc);
  return useMemo(() => {
    const clusters = all.filter((c) => !c.deleted);
    // Grouped from the snapshots rather than read from the document again: groupNotes is the
    // shared selectors' rule (tested equal), without reading every note twice more per change.
    const { groups, counts } = groupNotes(notes, all);
    return { notes, clusters, clusterById: new Map(all.map((c) => [c.id, c])), groups, counts };
  }, [notes, all]);
}
