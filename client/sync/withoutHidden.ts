import type { ClusterCounts } from '../../shared/clusters.js';
import type { Note } from '../../shared/schema.js';
import type { BoardContent } from './useBoardContent.js';

/**
 * The board as a participant or the projector sees it: notes the facilitator hid are left out
 * of the notes, the groups and the counts. (The facilitator sees them, dimmed.)
 */
export function withoutHidden(content: BoardContent): BoardContent {
  if (!content.notes.some((n) => n.hidden)) return content;
  const notes = content.notes.filter((n) => !n.hidden);
  const groups = new Map<string, readonly Note[]>();
  const counts = new Map<string, ClusterCounts>();
  for (const [id, list] of content.groups) {
    const shown = list.filter((n) => !n.hidden);
    groups.set(id, shown);
    const byTeam: Record<string, number> = {};
    for (const n of shown) byTeam[n.team] = (byTeam[n.team] ?? 0) + 1;
    counts.set(id, { total: shown.length, byTeam });
  }
  return { ...content, notes, groups, counts };
}
