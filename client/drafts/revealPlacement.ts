/**
 * Where revealed drafts land. During a silent brainstorm every participant drafts around the
 * middle of their own view, unaware of the others, so at the reveal their notes would pile up
 * on the same few spots. Two passes keep them apart:
 *
 * - when a client posts its drafts, one that would land on a note already on the board goes to
 *   a free place near it (placeDrafts);
 * - clients post at nearly the same moment, each before seeing the others' notes, so for a few
 *   seconds afterwards each client looks again: of two overlapping notes, the one with the
 *   greater id moves, by whoever posted it (settleOverlaps). Every client decides the same.
 */
import { NOTE_HEIGHT, NOTE_WIDTH, type Point } from '../../shared/schema.js';
import { freeSpotNear, overlaps } from '../board/viewport.js';

/** How far from its own place a revealed note may go to find a free one, in note-sized rings. */
const REVEAL_RINGS = 12;

/** A number from a participant's id: which free slot their notes take first (see freeSpotNear). */
export function spreadSeed(id: string): number {
  // FNV-1a, then a final mix: the seed is used modulo small numbers (8 slots in a ring).
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const centerOf = (p: Point): Point => ({ x: p.x + NOTE_WIDTH / 2, y: p.y + NOTE_HEIGHT / 2 });

/**
 * Board positions (top left) for `wanted`, in order: each where it is when nothing in `taken`
 * (nor an earlier one of `wanted`) is there, else the free place near it that `seed` picks.
 */
export function placeDrafts(wanted: readonly Point[], taken: readonly Point[], seed: number): Point[] {
  const all = [...taken];
  return wanted.map((p, i) => {
    const at = all.some((t) => overlaps(t, p)) ? freeSpotNear(centerOf(p), all, { rings: REVEAL_RINGS, pick: seed + i }) : p;
    all.push(at);
    return at;
  });
}

export interface PlacedNote {
  id: string;
  /** Board position (top left). */
  pos: Point;
}

/**
 * Moves for this client's `mine` (ids it posted, still where it put them) that overlap a note
 * with a smaller id: each to a free place near it. `notes`: every loose note on the board.
 */
export function settleOverlaps(notes: readonly PlacedNote[], mine: ReadonlySet<string>, seed: number): Array<{ id: string; pos: Point }> {
  const moves: Array<{ id: string; pos: Point }> = [];
  const taken = notes.map((n) => n.pos);
  notes.forEach((n, i) => {
    if (!mine.has(n.id)) return;
    if (!notes.some((o, j) => o.id < n.id && overlaps(taken[j]!, taken[i]!))) return;
    // Free of every note, and of the places moved to so far (its own included: it is leaving).
    const others = taken.filter((_, j) => j !== i);
    const pos = freeSpotNear(centerOf(n.pos), others, { rings: REVEAL_RINGS, pick: seed + moves.length });
    taken[i] = pos;
    moves.push({ id: n.id, pos });
  });
  return moves;
}
