/**
 * What is voted on, as the ballot and the results show it: the live categories (or the notes),
 * narrowed by a runoff, each with the name people know it by. The same list as the server's
 * voteTargets (server/votes.ts), read from the same document.
 */
import type { VotingSettings } from '../../shared/criteria.js';
import type { Cluster, Note } from '../../shared/schema.js';
import type { BoardContent } from '../sync/useBoardContent.js';

export interface VoteTargetView {
  id: string;
  /** Category name or note text ('' when it has none: the UI says "Untitled"). */
  name: string;
  description: string;
  /** The category itself, or the note's category (for grouping notes on the ballot). */
  cluster: Cluster | null;
  /** The notes in a category; the note itself when voting on notes. */
  notes: readonly Note[];
}

/** The targets open for votes now, in outline order; hidden notes are never offered. */
export function ballotTargets(content: BoardContent, voting: VotingSettings): VoteTargetView[] {
  const all = allTargets(content, voting);
  return voting.runoff.length > 0 ? all.filter((t) => voting.runoff.includes(t.id)) : all;
}

/** Every category or note that could be a target, whatever the runoff: results name them all. */
export function allTargets(content: BoardContent, voting: VotingSettings): VoteTargetView[] {
  if (voting.target === 'categories') {
    return content.clusters.map((c) => ({
      id: c.id, name: c.name, description: c.description, cluster: c, notes: (content.groups.get(c.id) ?? []).filter((n) => !n.hidden),
    }));
  }
  const out: VoteTargetView[] = [];
  for (const [clusterId, notes] of content.groups) {
    const cluster = clusterId ? (content.clusterById.get(clusterId) ?? null) : null;
    for (const n of notes) if (!n.hidden) out.push({ id: n.id, name: n.text.trim(), description: '', cluster, notes: [n] });
  }
  return out;
}

/** Target id -> name, for results: a target deleted since the reveal still has a row. */
export function targetNames(content: BoardContent): Map<string, string> {
  const names = new Map<string, string>();
  for (const c of content.clusterById.values()) names.set(c.id, c.name);
  for (const n of content.notes) names.set(n.id, n.text.trim());
  return names;
}
