import { describe, expect, it } from 'vitest';
import { defaultCriteria, defaultVoting, restoreVoting, type Criterion } from '../../shared/criteria.js';
import { checkVote, rankScores, remaining, tally, type Vote } from '../../shared/tally.js';

const [equity, resiliency, feasibility] = defaultCriteria() as [Criterion, Criterion, Criterion];
const crits = [equity, resiliency, feasibility];
const v = (voter: string, team: string, criterion: string, target: string, value: number): Vote => ({ voter, team, criterion, target, value });

describe('tally', () => {
  it('sums dots per criterion and ranks by the weighted overall score', () => {
    const votes = [
      v('a', 'mpusd', 'equity', 'codesign', 3), v('b', 'mastery', 'equity', 'codesign', 2), v('b', 'mastery', 'equity', 'grading', 1),
      v('a', 'mpusd', 'feasibility', 'grading', 3), v('b', 'mastery', 'resiliency', 'policy', 3),
    ];
    const r = tally(votes, crits, ['codesign', 'grading', 'policy'], 'dots');
    expect(r.ranking.map((x) => [x.target, x.overall, x.rank])).toEqual([['codesign', 5, 1], ['grading', 4, 2], ['policy', 3, 3]]);
    expect(r.ranking[0]!.byCriterion).toEqual({ equity: 5, resiliency: 0, feasibility: 0 });
    expect(r.perCriterion.feasibility![0]).toEqual({ target: 'grading', rank: 1, value: 3 });
    expect(r.byTeam).toEqual({ mastery: { codesign: 2, grading: 1, policy: 3 }, mpusd: { codesign: 3, grading: 3, policy: 0 } });
    expect(r.participation).toEqual({ voters: 2, byTeam: { mpusd: 1, mastery: 1 } });
  });

  it('applies weights', () => {
    const weighted = [{ ...equity, weight: 3 }, resiliency, feasibility];
    const votes = [v('a', '', 'equity', 'x', 1), v('b', '', 'feasibility', 'y', 2)];
    expect(tally(votes, weighted, ['x', 'y'], 'dots').ranking.map((r) => [r.target, r.overall])).toEqual([['x', 3], ['y', 2]]);
    expect(tally(votes, crits, ['x', 'y'], 'dots').ranking.map((r) => [r.target, r.overall])).toEqual([['y', 2], ['x', 1]]);
  });

  it('shows ties as ties (competition ranking)', () => {
    const votes = [v('a', '', 'equity', 'x', 2), v('b', '', 'equity', 'y', 2), v('c', '', 'equity', 'z', 1)];
    const r = tally(votes, crits, ['x', 'y', 'z', 'w'], 'dots');
    expect(r.ranking.map((x) => [x.target, x.rank, x.tied])).toEqual([['x', 1, true], ['y', 1, true], ['z', 3, false], ['w', 4, false]]);
  });

  it('averages ratings per criterion and ignores unknown targets and criteria', () => {
    const votes = [
      v('a', '', 'equity', 'x', 5), v('b', '', 'equity', 'x', 2), v('a', '', 'feasibility', 'x', 4),
      v('a', '', 'equity', 'gone', 5), v('a', '', 'joy', 'x', 5),
    ];
    const r = tally(votes, crits, ['x'], 'rating');
    expect(r.ranking[0]!.byCriterion).toEqual({ equity: 3.5, resiliency: 0, feasibility: 4 });
    expect(r.ranking[0]!.overall).toBe(7.5);
  });

  it('handles no votes', () => {
    const r = tally([], crits, ['x', 'y'], 'dots');
    expect(r.ranking.every((x) => x.rank === 1 && x.tied && x.overall === 0)).toBe(true);
    expect(r.participation.voters).toBe(0);
  });

  it('rankScores is deterministic for equal scores', () => {
    expect(rankScores([{ key: 'b', score: 1 }, { key: 'a', score: 1 }]).map((r) => r.key)).toEqual(['a', 'b']);
  });
});

describe('budgets', () => {
  const mine = [v('a', '', 'equity', 'x', 2)];
  it.each([
    ['a first vote within budget', [], 'x', 3, 'dots', true],
    ['moving dots to another target within budget', mine, 'y', 1, 'dots', true],
    ['over the criterion budget', mine, 'y', 2, 'dots', false],
    ['replacing the same target counts once', mine, 'x', 3, 'dots', true],
    ['over the per-target maximum', [], 'x', 4, 'dots', false],
    ['taking a vote back', mine, 'x', 0, 'dots', true],
    ['negative', [], 'x', -1, 'dots', false],
    ['fractional', [], 'x', 1.5, 'dots', false],
    ['a rating of 5', [], 'x', 5, 'rating', true],
    ['a rating of 6', [], 'x', 6, 'rating', false],
    ['withdrawing a rating', [], 'x', 0, 'rating', true],
  ] as const)('%s', (_n, votes, target, value, mode, ok) => {
    expect(checkVote(votes, equity, target, value, mode, 3).ok).toBe(ok);
  });

  it('reports what is left per criterion', () => {
    expect(remaining(mine, crits)).toEqual({ equity: 1, resiliency: 3, feasibility: 3 });
  });
});

describe('voting settings', () => {
  it('defaults to Equity, Resiliency, Feasibility in English or Spanish, each with a letter and color', () => {
    expect(defaultCriteria('en').map((c) => [c.name, c.letter])).toEqual([['Equity', 'E'], ['Resiliency', 'R'], ['Feasibility', 'F']]);
    expect(defaultCriteria('es').map((c) => c.name)).toEqual(['Equidad', 'Resiliencia', 'Viabilidad']);
    expect(new Set(defaultCriteria().map((c) => c.color)).size).toBe(3);
  });

  it('restores untrusted settings with bounds', () => {
    const r = restoreVoting({
      criteria: [{ id: 'equity', name: 'Equity', weight: 99, budget: -3 }, { id: 'BAD ID', name: 'x' }, { id: 'joy', name: '' }],
      target: 'notes', mode: 'rating', maxPerTarget: 1e9, status: 'open', round: 0,
    });
    expect(r.criteria).toHaveLength(1);
    expect(r.criteria[0]).toMatchObject({ weight: 10, budget: 1, letter: 'E' });
    expect(r).toMatchObject({ target: 'notes', mode: 'rating', maxPerTarget: 20, status: 'open', round: 1 });
    expect(restoreVoting(null)).toEqual(defaultVoting());
  });
});
