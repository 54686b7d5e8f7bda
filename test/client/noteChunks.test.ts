import { describe, expect, it } from 'vitest';
import { Chunker } from '../../client/board/noteChunks.js';
import { seeded } from '../helpers/seeded.js';

const ids = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `n${from + i}`);
const same = (s: string): string => s;
/** Group keys and their members, for comparing whole groupings. */
const shape = (chunks: { key: number; items: string[] }[]) => chunks.map((c) => [c.key, c.items] as const);
/** The grouping of `list` by a Chunker of `size` that has grouped each list of `history` before. */
const groupAfter = (size: number, history: string[][], list: string[]) => {
  const c = new Chunker(size);
  for (const h of history) c.group(h, same);
  return shape(c.group(list, same));
};

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
    expect(groupAfter(3, [ids(5)], ids(7))).toEqual([
      [0, ['n0', 'n1', 'n2']],
      [1, ['n3', 'n4', 'n5']],
      [2, ['n6']],
    ]);
  });

  it('keeps every item in its group when others are removed before it (no card changes parent)', () => {
    const without = ids(7).filter((id) => id !== 'n1' && id !== 'n2');
    expect(groupAfter(3, [ids(7)], without)).toEqual([
      [0, ['n0']],
      [1, ['n3', 'n4', 'n5']],
      [2, ['n6']],
    ]);
  });

  it('drops a group that empties, and a new item does not reopen an older group', () => {
    expect(groupAfter(2, [ids(4)], ['n2', 'n3', 'n9'])).toEqual([
      [1, ['n2', 'n3']],
      [2, ['n9']],
    ]);
  });

  it('reuses the room the newest group got back', () => {
    expect(groupAfter(2, [ids(4), ['n0', 'n1', 'n2']], ['n0', 'n1', 'n2', 'n7'])).toEqual([
      [0, ['n0', 'n1']],
      [1, ['n2', 'n7']],
    ]);
  });

  it('lists a group in the order given, whatever order its members joined in', () => {
    expect(groupAfter(3, [['b', 'c']], ['a', 'b', 'c'])).toEqual([[0, ['a', 'b', 'c']]]);
  });

  it('forgets an item once it is gone: it comes back as new, in its place in the order', () => {
    expect(groupAfter(2, [ids(4), ['n1', 'n2', 'n3']], ['n0', 'n1', 'n2', 'n3'])).toEqual([
      [0, ['n0', 'n1']],
      [1, ['n2', 'n3']],
    ]);
  });

  it('puts a note that comes in among older ones in the group of the note before it, past the size', () => {
    // 'b' arrives late (someone who was offline); 'd' is a deleted note brought back by undo.
    expect(groupAfter(2, [['a', 'c', 'e', 'g']], ['a', 'b', 'c', 'd', 'e', 'g'])).toEqual([
      [0, ['a', 'b', 'c', 'd']],
      [1, ['e', 'g']],
    ]);
  });

  it('puts a note that comes first in the first group', () => {
    expect(groupAfter(2, [['b', 'c', 'd']], ['a', 'b', 'c', 'd'])).toEqual([
      [0, ['a', 'b', 'c']],
      [1, ['d']],
    ]);
  });

  it('draws every note in list order, whatever the history of arrivals and removals', () => {
    const c = new Chunker(3);
    const all = Array.from({ length: 40 }, (_, i) => `n${String(i).padStart(2, '0')}`);
    const rng = seeded(7);
    for (let round = 0; round < 60; round++) {
      const shown = all.filter(() => rng.chance(0.6));
      const drawn = c.group(shown, same).flatMap((g) => g.items);
      expect(drawn).toEqual(shown);
    }
  });
});
