/**
 * Tallying votes: per-criterion totals, a weighted overall ranking with ties shown as ties, a
 * targets × criteria heat map, a per-team breakdown and participation. Pure: the server runs
 * it on reveal and writes the result into the board for everyone.
 */
import { RATING_MAX, RATING_MIN, type Criterion, type VoteMode } from './criteria.js';

export interface Vote {
  voter: string;
  /** The voter's team ('' for none). */
  team: string;
  criterion: string;
  target: string;
  /** Dots placed (dots mode) or the rating given (rating mode). */
  value: number;
}

export interface RankedTarget {
  target: string;
  /** 1-based; tied targets share a rank and the next rank skips ("1, 1, 3"). */
  rank: number;
  tied: boolean;
  overall: number;
  /** Per criterion: total dots, or the average rating (0 when nobody rated). */
  byCriterion: Record<string, number>;
}

export interface Results {
  mode: VoteMode;
  criteria: string[];
  ranking: RankedTarget[];
  /** Per criterion, targets ranked by that criterion alone. */
  perCriterion: Record<string, Array<{ target: string; rank: number; value: number }>>;
  /** Team id -> target -> overall score from that team's votes only. */
  byTeam: Record<string, Record<string, number>>;
  participation: { voters: number; byTeam: Record<string, number> };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Competition ranking of scored items, highest first; equal scores share a rank. */
export function rankScores<T extends { score: number; key: string }>(items: T[]): Array<T & { rank: number; tied: boolean }> {
  const sorted = [...items].sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sorted.map((it, i) => {
    const first = sorted.findIndex((o) => o.score === it.score);
    const tied = sorted.filter((o) => o.score === it.score).length > 1;
    return { ...it, rank: (i === first ? i : first) + 1, tied };
  });
}

/** Per target and criterion: total (dots) or average (rating) of `votes`. */
function scores(votes: Vote[], criteria: Criterion[], targets: string[], mode: VoteMode): Map<string, Record<string, number>> {
  const sum = new Map<string, number>();
  const count = new Map<string, number>();
  for (const v of votes) {
    const k = `${v.target}\u0000${v.criterion}`;
    sum.set(k, (sum.get(k) ?? 0) + v.value);
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const out = new Map<string, Record<string, number>>();
  for (const t of targets) {
    const row: Record<string, number> = {};
    for (const c of criteria) {
      const k = `${t}\u0000${c.id}`;
      const s = sum.get(k) ?? 0;
      row[c.id] = mode === 'rating' ? round3(count.get(k) ? s / count.get(k)! : 0) : s;
    }
    out.set(t, row);
  }
  return out;
}

const overallOf = (row: Record<string, number>, criteria: Criterion[]): number =>
  round3(criteria.reduce((s, c) => s + c.weight * (row[c.id] ?? 0), 0));

/** Tally `votes` on `targets` against `criteria`. Votes on unknown targets or criteria are ignored. */
export function tally(votes: readonly Vote[], criteria: Criterion[], targets: string[], mode: VoteMode): Results {
  const targetSet = new Set(targets);
  const critSet = new Set(criteria.map((c) => c.id));
  const valid = votes.filter((v) => targetSet.has(v.target) && critSet.has(v.criterion) && v.value > 0);
  const table = scores(valid, criteria, targets, mode);
  const ranking = rankScores(targets.map((t) => ({ key: t, score: overallOf(table.get(t)!, criteria) }))).map((r) => ({
    target: r.key, rank: r.rank, tied: r.tied, overall: r.score, byCriterion: table.get(r.key)!,
  }));
  const perCriterion: Results['perCriterion'] = {};
  for (const c of criteria) {
    perCriterion[c.id] = rankScores(targets.map((t) => ({ key: t, score: table.get(t)![c.id]! }))).map((r) => ({
      target: r.key, rank: r.rank, value: r.score,
    }));
  }
  const teams = [...new Set(valid.map((v) => v.team))].sort();
  const byTeam: Results['byTeam'] = {};
  for (const team of teams) {
    const t = scores(valid.filter((v) => v.team === team), criteria, targets, mode);
    byTeam[team] = Object.fromEntries(targets.map((x) => [x, overallOf(t.get(x)!, criteria)]));
  }
  const voters = new Map<string, string>();
  for (const v of valid) voters.set(v.voter, v.team);
  const participationByTeam: Record<string, number> = {};
  for (const team of voters.values()) participationByTeam[team] = (participationByTeam[team] ?? 0) + 1;
  return {
    mode,
    criteria: criteria.map((c) => c.id),
    ranking,
    perCriterion,
    byTeam,
    participation: { voters: voters.size, byTeam: participationByTeam },
  };
}

export interface BudgetCheck {
  ok: boolean;
  reason?: string;
}

/**
 * May a voter set `value` on (criterion, target), given their other votes in this round?
 * `mine` are the voter's current votes. Dots: 0..maxPerTarget per target and the criterion's
 * budget overall. Rating: 0 (withdraw) or RATING_MIN..RATING_MAX.
 */
export function checkVote(
  mine: readonly Vote[], criterion: Criterion, target: string, value: number, mode: VoteMode, maxPerTarget: number,
): BudgetCheck {
  if (!Number.isInteger(value) || value < 0) return { ok: false, reason: 'a vote must be a whole number' };
  if (mode === 'rating') {
    return value === 0 || (value >= RATING_MIN && value <= RATING_MAX) ? { ok: true } : { ok: false, reason: `a rating is from ${RATING_MIN} to ${RATING_MAX}` };
  }
  if (value > maxPerTarget) return { ok: false, reason: `at most ${maxPerTarget} votes on one option per criterion` };
  const others = mine.filter((v) => v.criterion === criterion.id && v.target !== target).reduce((s, v) => s + v.value, 0);
  if (others + value > criterion.budget) return { ok: false, reason: `over the budget of ${criterion.budget} votes for ${criterion.name}` };
  return { ok: true };
}

/** Votes left per criterion for a voter (dots mode). */
export function remaining(mine: readonly Vote[], criteria: Criterion[]): Record<string, number> {
  return Object.fromEntries(criteria.map((c) => [c.id, c.budget - mine.filter((v) => v.criterion === c.id).reduce((s, v) => s + v.value, 0)]));
}
