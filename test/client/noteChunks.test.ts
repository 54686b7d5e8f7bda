import { describe, expect, it } from 'vitest';
import { Chunker } from '../../client/board/noteChunks.js';

const ids = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `n${from + i}`);
const same = (s: string): string => s;
/** Group keys and their members, for comparing whole groupings. */
const shape = (chunks: { key: number; items: string[] }[]) => chunks.map((c) => [c.key, c.items] as const);

describe('Chunker', () => {
  it('groups a first list in order, a full group at a time', () => {
    const chunks = new Chunker(3).group(ids(7), same);
    expect(shape(chunks)).toEqual([
      [0, ['n0', 'n1', 'n2']],
      [1, ['n3', 'n4', 'n5']],
      [2, ['n6']],
    ]);
  });

  it('puts new items in the newest group, and opens another when it is full', () => {
    const c = new Chunker(3);
    c.group(ids(5), same);
    expect(shape(c.group(ids(7), same))).toEqual([
      [0, ['n0', 'n1', 'n2']],
      [1, ['n3', 'n4', 'n5']],
      [2, ['n6']],
    ]);
  });

  it('keeps every item in its group when others are removed before it (no card changes parent)', () => {
    const c = new Chunker(3);
    c.group(ids(7), same);
    const without = ids(7).filter((id) => id !== 'n1' && id !== 'n2');
    expect(shape(c.group(without, same))).toEqual([
      [0, ['n0']],
      [1, ['n3', 'n4', 'n5']],
      [2, ['n6']],
    ]);
  });

  it('drops a group that empties, and a new item does not reopen an older group', () => {
    const c = new Chunker(2);
    c.group(ids(4), same);
    expect(shape(c.group(['n2', 'n3', 'n9'], same))).toEqual([
      [1, ['n2', 'n3']],
      [2, ['n9']],
    ]);
  });

  it('reuses the room the newest group got back', () => {
    const c = new Chunker(2);
    c.group(ids(4), same);
    c.group(['n0', 'n1', 'n2'], same);
    expect(shape(c.group(['n0', 'n1', 'n2', 'n7'], same))).toEqual([
      [0, ['n0', 'n1']],
      [1, ['n2', 'n7']],
    ]);
  });

  it('lists a group in the order given, whatever order its members joined in', () => {
    const c = new Chunker(3);
    c.group(['b', 'c'], same);
    expect(shape(c.group(['a', 'b', 'c'], same))).toEqual([[0, ['a', 'b', 'c']]]);
  });

  it('forgets an item once it is gone: it comes back as new, in its place in the order', () => {
    const c = new Chunker(2);
    c.group(ids(4), same);
    c.group(['n1', 'n2', 'n3'], same);
    expect(shape(c.group(['n0', 'n1', 'n2', 'n3'], same))).toEqual([
      [0, ['n0', 'n1']],
      [1, ['n2', 'n3']],
    ]);
  });

  it('puts a note that comes in among older ones in the group of the note before it, past the size', () => {
    const c = new Chunker(2);
    c.group(['a', 'c', 'e', 'g'], same);
    // 'b' arrives late (someone who was offline); 'd' is a deleted note brought back by undo.
    expect(shape(c.group(['a', 'b', 'c', 'd', 'e', 'g'], same))).toEqual([
      [0, ['a', 'b', 'c', 'd']],
      [1, ['e', 'g']],
    ]);
  });

  it('puts a note that comes first in the first group', () => {
    const c = new Chunker(2);
    c.group(['b', 'c', 'd'], same);
    expect(shape(c.group(['a', 'b', 'c', 'd'], same))).toEqual([
      [0, ['a', 'b', 'c']],
      [1, ['d']],
    ]);
  });

  it('draws every note in list order, whatever the history of arrivals and removals', () => {
    const c = new Chunker(3);
    const all = Array.from({ length: 40 }, (_, i) => `n${String(i).padStart(2, '0')}`);
    let rng = 7;
    const pick = () => (rng = (rng * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 60; round++) {
      const shown = all.filter(() => pick() < 0.6);
      const drawn = c.group(shown, same).flatMap((g) => g.items);
      expect(drawn).toEqual(shown);
    }
  });
});
