import { describe, expect, it } from 'vitest';
import { overlaps } from '../../client/board/viewport.js';
import { placeDrafts, settleOverlaps, spreadSeed, type PlacedNote } from '../../client/drafts/revealPlacement.js';
import type { Point } from '../../shared/schema.js';

const noneOverlap = (ps: readonly Point[]): boolean => ps.every((a, i) => ps.every((b, j) => i === j || !overlaps(a, b)));
const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

describe('placing revealed drafts', () => {
  it('leaves a draft where it is when that place is free', () => {
    expect(placeDrafts([{ x: 500, y: 40 }], [{ x: 0, y: 0 }], 7)).toEqual([{ x: 500, y: 40 }]);
  });

  it('moves drafts that would land on a note, or on each other, to free places nearby', () => {
    const taken = [{ x: 100, y: 100 }, { x: 300, y: 100 }];
    const wanted = [{ x: 110, y: 105 }, { x: 110, y: 105 }, { x: 112, y: 100 }];
    const placed = placeDrafts(wanted, taken, 3);
    expect(noneOverlap([...taken, ...placed])).toBe(true);
    // Nearby: within two rings of note-sized cells.
    for (const p of placed) expect(distance(p, wanted[0]!)).toBeLessThan(2 * 200 * Math.SQRT2);
  });

  it('gives participants different first choices, so posts made at the same moment spread out', () => {
    const taken = [{ x: 0, y: 0 }];
    const firsts = new Set(['p-ana', 'p-beto', 'p-cruz', 'p-dee', 'p-eli'].map((id) => JSON.stringify(placeDrafts([{ x: 0, y: 0 }], taken, spreadSeed(id))[0])));
    expect(firsts.size).toBeGreaterThan(2);
  });
});

describe('settling overlaps after a reveal', () => {
  it('moves only the note with the greater id, and only by its own client', () => {
    const notes: PlacedNote[] = [{ id: 'n-a', pos: { x: 0, y: 0 } }, { id: 'n-b', pos: { x: 20, y: 10 } }];
    expect(settleOverlaps(notes, new Set(['n-a']), 1)).toEqual([]);
    const moves = settleOverlaps(notes, new Set(['n-b']), 1);
    expect(moves.map((m) => m.id)).toEqual(['n-b']);
    expect(overlaps(moves[0]!.pos, notes[0]!.pos)).toBe(false);
  });

  it('converges when many clients posted onto the same spot at once, each settling from the same view', () => {
    // Twenty participants, two notes each, all drafted at the middle and posted before seeing anyone else's.
    const clients = Array.from({ length: 20 }, (_, c) => ({ id: `p-${c}`, notes: [`n-${c}-0`, `n-${c}-1`] }));
    const board = new Map<string, Point>();
    for (const c of clients) {
      const mine = placeDrafts([{ x: 400, y: 300 }, { x: 400, y: 300 }], [], spreadSeed(c.id));
      c.notes.forEach((id, i) => board.set(id, mine[i]!));
    }
    expect(noneOverlap([...board.values()])).toBe(false);
    let rounds = 0;
    for (; rounds < 10; rounds++) {
      // Every client looks at the same board and moves its own notes; the moves then all arrive.
      const view: PlacedNote[] = [...board].map(([id, pos]) => ({ id, pos }));
      const moves = clients.flatMap((c) => settleOverlaps(view, new Set(c.notes), spreadSeed(c.id)));
      if (moves.length === 0) break;
      for (const m of moves) board.set(m.id, m.pos);
    }
    expect(noneOverlap([...board.values()])).toBe(true);
    expect(rounds).toBeLessThan(10);
  });
});
