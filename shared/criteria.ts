/**
 * Voting settings: the criteria a board votes against (Equity, Resiliency, Feasibility by
 * default), their weights and vote budgets, what is voted on, and the voting round's status.
 * Stored in meta.voting, written only by the server on a facilitator's command.
 */
import { CRITERION_COLOR_ORDER, STRONG_COLORS } from './palette.js';
import { cleanText } from './validate.js';

export interface Criterion {
  id: string;
  name: string;
  description: string;
  /** Weight in the overall ranking (0–10). */
  weight: number;
  /** Dots each voter may spend on this criterion. */
  budget: number;
  /** Display color; always shown with `letter`, never alone. */
  color: string;
  letter: string;
}

export type VoteTarget = 'categories' | 'notes';
export type VoteMode = 'dots' | 'rating';
export type VotingStatus = 'closed' | 'open' | 'revealed';

export interface VotingSettings {
  criteria: Criterion[];
  target: VoteTarget;
  mode: VoteMode;
  /** Most dots one voter may put on one target per criterion. */
  maxPerTarget: number;
  status: VotingStatus;
  /** Increases on every reopen or runoff: votes belong to a round. */
  round: number;
  /** In a runoff, the only targets that may receive votes. */
  runoff: string[];
}

export const DEFAULT_BUDGET = 3;
export const MAX_BUDGET = 20;
export const MAX_CRITERIA = 8;
export const RATING_MIN = 1;
export const RATING_MAX = 5;

const CRITERION_COLORS = CRITERION_COLOR_ORDER.map((name) => STRONG_COLORS[name]);

const DEFAULTS = {
  en: [
    ['equity', 'Equity', 'Meets the academic and social-emotional needs of each student; gives a say to those closest to the problem.'],
    ['resiliency', 'Resiliency', 'Adapts to real-world constraints without losing the long-term goal; leaves the system able to do this again.'],
    ['feasibility', 'Feasibility', 'Can be started now, small, with the people and resources at hand (near-term improvement).'],
  ],
  es: [
    ['equity', 'Equidad', 'Responde a las necesidades académicas y socioemocionales de cada estudiante; da voz a quienes están más cerca del problema.'],
    ['resiliency', 'Resiliencia', 'Se adapta a las limitaciones reales sin perder la meta a largo plazo; deja al sistema capaz de repetirlo.'],
    ['feasibility', 'Viabilidad', 'Se puede empezar ya, en pequeño, con las personas y los recursos disponibles (mejora a corto plazo).'],
  ],
} as const;

/** The default criteria in the board's language. */
export function defaultCriteria(lang: 'en' | 'es' = 'en'): Criterion[] {
  return DEFAULTS[lang].map(([id, name, description], i) => ({
    id, name, description, weight: 1, budget: DEFAULT_BUDGET, color: CRITERION_COLORS[i]!, letter: name.charAt(0),
  }));
}

export const defaultVoting = (lang: 'en' | 'es' = 'en'): VotingSettings => ({
  criteria: defaultCriteria(lang),
  target: 'categories',
  mode: 'dots',
  maxPerTarget: DEFAULT_BUDGET,
  status: 'closed',
  round: 1,
  runoff: [],
});

const int = (v: unknown, lo: number, hi: number, dflt: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : dflt;

/** Voting settings from untrusted data, defaults filling anything missing or malformed. */
export function restoreVoting(v: unknown): VotingSettings {
  const d = defaultVoting();
  if (typeof v !== 'object' || v === null) return d;
  const o = v as Record<string, unknown>;
  const seen = new Set<string>();
  const criteria: Criterion[] = [];
  for (const c of Array.isArray(o.criteria) ? o.criteria : []) {
    if (criteria.length >= MAX_CRITERIA || typeof c !== 'object' || c === null) continue;
    const r = c as Record<string, unknown>;
    if (typeof r.id !== 'string' || !/^[a-z0-9-]{1,32}$/.test(r.id) || seen.has(r.id)) continue;
    const name = cleanText(r.name, 60).trim();
    if (!name) continue;
    seen.add(r.id);
    criteria.push({
      id: r.id,
      name,
      description: cleanText(r.description, 300),
      weight: int(r.weight, 0, 10, 1),
      budget: int(r.budget, 1, MAX_BUDGET, DEFAULT_BUDGET),
      color: typeof r.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(r.color) ? r.color : CRITERION_COLORS[criteria.length % CRITERION_COLORS.length]!,
      letter: cleanText(r.letter, 2).trim() || name.charAt(0).toUpperCase(),
    });
  }
  return {
    criteria: criteria.length > 0 || Array.isArray(o.criteria) ? criteria : d.criteria,
    target: o.target === 'notes' ? 'notes' : 'categories',
    mode: o.mode === 'rating' ? 'rating' : 'dots',
    maxPerTarget: int(o.maxPerTarget, 1, MAX_BUDGET, DEFAULT_BUDGET),
    status: o.status === 'open' || o.status === 'revealed' ? o.status : 'closed',
    round: int(o.round, 1, 1_000_000, 1),
    runoff: Array.isArray(o.runoff) ? o.runoff.filter((x): x is string => typeof x === 'string').slice(0, 50) : [],
  };
}
