/** How results read: scores in the room's language, ranks with ties shown as ties ("=1"). */
import type { Criterion, VoteMode } from '../../shared/criteria.js';
import type { Lang } from '../i18n/i18n.js';

/** Dots are whole numbers; ratings are averages, one decimal is what a room can compare. */
export function scoreFormat(lang: Lang, mode: VoteMode): Intl.NumberFormat {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: mode === 'rating' ? 1 : 0, minimumFractionDigits: mode === 'rating' ? 1 : 0 });
}

/** "1", or "=1" for a rank shared with another option. */
export const rankLabel = (rank: number, tied: boolean): string => (tied ? `=${rank}` : String(rank));

/** The criteria of a result in its own order, with a stand-in for one removed since the reveal. */
export function resultCriteria(ids: readonly string[], current: readonly Criterion[]): Criterion[] {
  const byId = new Map(current.map((c) => [c.id, c]));
  return ids.map((id) => byId.get(id) ?? { id, name: id, description: '', weight: 1, budget: 1, color: '#555555', letter: id.charAt(0).toUpperCase() });
}

/** 0..1: how a value compares with the largest in its column (for heat-map shading). */
export const share = (value: number, max: number): number => (max > 0 ? Math.max(0, Math.min(1, value / max)) : 0);
