import type { ClusterCounts } from '../../shared/clusters.js';
import type { Cluster, Note } from '../../shared/schema.js';

export interface NoteGroups {
  /** Notes per live category, in category order; '' (first) holds the unsorted ones and orphans. */
  groups: Map<string, Note[]>;
  counts: Map<string, ClusterCounts>;
}

/**
 * What shared notesByCluster and clusterCounts compute, from snapshots already read rather than
 * from the document again (each of those reads every note): `notes` in selectNotes order,
 * `clusters` in selectClusters order. test/client/noteGroups.test.ts holds them equal.
 */
export function groupNotes(notes: readonly Note[], clusters: readonly Cluster[]): NoteGroups {
  const groups = new Map<string, Note[]>([['', []]]);
  for (const c of clusters) if (!c.deleted) groups.set(c.id, []);
  for (const n of notes) (groups.get(n.clusterId) ?? groups.get('')!).push(n);
  const counts = new Map<string, ClusterCounts>();
  for (const [id, list] of groups) {
    const byTeam: Record<string, number> = {};
    for (const n of list) byTeam[n.team] = (byTeam[n.team] ?? 0) + 1;
    counts.set(id, { total: list.length, byTeam });
  }
  return { groups, counts };
}
