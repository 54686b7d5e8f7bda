import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, defaultK, purity, suggestCategories } from '../../shared/suggest.js';
import { stem, tokenize } from '../../shared/text.js';

/** Three topics with disjoint vocabulary, interleaved: any sound method must separate them. */
const TOPICS = {
  bus: ['bus routes earlier', 'later bus departures', 'bus drivers shortage routes', 'shorter bus rides', 'bus stop safety'],
  lunch: ['healthier lunch menu', 'longer lunch break', 'lunch options vegetarian', 'free lunch everyone', 'lunch lines faster'],
  library: ['library open evenings', 'more library books', 'quiet library space', 'library laptops checkout', 'library study rooms'],
};
const interleaved = [0, 1, 2, 3, 4].flatMap((i) => Object.entries(TOPICS).map(([label, texts]) => ({ label, text: texts[i]! })));

describe('suggesting categories', () => {
  it('separates clearly distinct topics exactly', () => {
    const notes = interleaved.map((n, i) => ({ id: `n${i}`, text: n.text }));
    const s = suggestCategories(notes, 3);
    expect(s.categories).toHaveLength(3);
    const pred = notes.map((n) => String(s.categories.findIndex((c) => c.noteIds.includes(n.id))));
    expect(adjustedRandIndex(interleaved.map((n) => n.label), pred)).toBe(1);
    // Names come from the notes' own words.
    expect(s.categories.map((c) => c.name.split(',')[0]!.split(' &')[0]!.toLowerCase()).sort()).toEqual(['bus', 'library', 'lunch']);
  });

  it('is deterministic and puts every note in exactly one place', () => {
    const notes = interleaved.map((n, i) => ({ id: `n${i}`, text: n.text }));
    notes.push({ id: 'empty', text: '' }, { id: 'stop', text: 'the and of y para' });
    const a = suggestCategories(notes);
    expect(suggestCategories(notes)).toEqual(a);
    const placed = [...a.categories.flatMap((c) => c.noteIds), ...a.leftover].sort();
    expect(placed).toEqual(notes.map((n) => n.id).sort());
    expect(a.leftover.sort()).toEqual(['empty', 'stop']);
  });

  it('handles no notes, one note, and k larger than the notes', () => {
    expect(suggestCategories([])).toEqual({ categories: [], leftover: [] });
    expect(suggestCategories([{ id: 'a', text: 'peer tutoring' }]).categories).toEqual([{ name: expect.any(String), noteIds: ['a'] }]);
    expect(suggestCategories([{ id: 'a', text: 'peer tutoring' }, { id: 'b', text: 'tutoring peers' }], 10).categories).toHaveLength(2);
  });

  it('groups English and Spanish inflections of the same word', () => {
    expect(stem('students')).toBe(stem('student'));
    expect(stem('grading')).toBe(stem('grade'));
    expect(stem('politicas')).toBe(stem('politica'));
    expect(tokenize('La creación de políticas').map((t) => t.word)).toEqual(['creación', 'políticas']);
  });

  it.each([[6, 2], [30, 5], [200, 8]])('defaultK(%i) = %i', (n, k) => {
    expect(defaultK(n)).toBe(k);
  });
});

describe('agreement measures', () => {
  it.each([
    [['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y'], 1],
    [['a', 'a', 'b', 'b'], ['y', 'y', 'x', 'x'], 1],
    [['a', 'a', 'a', 'b', 'b', 'b'], ['x', 'x', 'y', 'y', 'z', 'z'], 0.24242424242424243],
    [['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y'], -0.5],
  ])('ARI(%j, %j) = %f', (a, b, want) => {
    expect(adjustedRandIndex(a, b)).toBeCloseTo(want, 12);
  });

  it('purity counts majority labels per predicted group', () => {
    expect(purity(['a', 'a', 'b', 'b'], ['x', 'x', 'x', 'y'])).toBe(0.75);
    expect(purity(['a', 'b'], ['x', 'y'])).toBe(1);
  });
});
