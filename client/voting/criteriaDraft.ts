/**
 * Editing criteria before they are saved (setVoting): new ids, the color palette, and the
 * checks the server would otherwise silently repair (restoreVoting drops a nameless criterion).
 */
import { DEFAULT_BUDGET, MAX_CRITERIA, type Criterion } from '../../shared/criteria.js';
import { randomId } from '../../shared/ids.js';
import { CRITERION_COLOR_ORDER, STRONG_COLORS } from '../../shared/palette.js';
import type { MessageKey } from '../i18n/i18n.js';

/** The criteria's colors, in the same order the server hands them out. */
export const CRITERION_PALETTE: ReadonlyArray<{ hex: string; name: MessageKey }> = CRITERION_COLOR_ORDER.map((c) => ({
  hex: STRONG_COLORS[c],
  name: `color.${c}` as MessageKey,
}));

export type CriterionDraft = Criterion & { key: string };

export const toDrafts = (criteria: readonly Criterion[]): CriterionDraft[] => criteria.map((c) => ({ ...c, key: c.id }));

/** A new criterion with a color no other one uses yet. */
export function newCriterion(existing: readonly Criterion[]): CriterionDraft {
  const used = new Set(existing.map((c) => c.color.toUpperCase()));
  const color = CRITERION_PALETTE.find((p) => !used.has(p.hex))?.hex ?? CRITERION_PALETTE[existing.length % CRITERION_PALETTE.length]!.hex;
  // Ids are lowercase (the server's pattern); randomId's alphabet has capitals, so fold them.
  const id = `c-${randomId(8).toLowerCase()}`;
  return { key: id, id, name: '', description: '', weight: 1, budget: DEFAULT_BUDGET, color, letter: '' };
}

export const canAddCriterion = (list: readonly Criterion[]): boolean => list.length < MAX_CRITERIA;

/** The letter shown for a criterion: its own, or the first letter of its name. */
export const letterOf = (c: Pick<Criterion, 'letter' | 'name'>): string => (c.letter.trim() || c.name.trim().charAt(0)).toUpperCase();

export type CriteriaProblem = { kind: 'empty' } | { kind: 'unnamed'; index: number } | { kind: 'sameLetter'; letter: string };

/** Why this list cannot be saved as is, or null. Letters must differ: they, not colors, tell criteria apart. */
export function criteriaProblem(list: readonly Criterion[]): CriteriaProblem | null {
  if (list.length === 0) return { kind: 'empty' };
  const unnamed = list.findIndex((c) => !c.name.trim());
  if (unnamed >= 0) return { kind: 'unnamed', index: unnamed };
  const seen = new Set<string>();
  for (const c of list) {
    const l = letterOf(c);
    if (seen.has(l)) return { kind: 'sameLetter', letter: l };
    seen.add(l);
  }
  return null;
}

/** The list as the server takes it: trimmed names, a letter for each, no editing keys. */
export const toCriteria = (list: readonly CriterionDraft[]): Criterion[] =>
  list.map(({ key: _key, ...c }) => ({ ...c, name: c.name.trim(), description: c.description.trim(), letter: letterOf(c) }));
