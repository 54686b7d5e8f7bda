/**
 * Where things go on the board when the person does not point at a spot: the next free place
 * in a category ("Move to…"), a spot for a note taken out of one, empty canvas for new
 * categories. Pure geometry in board units, so it can be read and tested without a DOM.
 */
import { CLUSTER_PADDING, gridSlots } from '../../shared/clusters.js';
import {
  CLUSTER_DEFAULT_SIZE, CLUSTER_HEADER_HEIGHT, CLUSTER_MAX_SIZE, NOTE_HEIGHT, NOTE_WIDTH,
  type Cluster, type Point, type Size,
} from '../../shared/schema.js';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Space kept between categories laid out side by side, board units. */
export const CLUSTER_GAP = 48;
/** Notes per row in a category made for a suggestion: wide enough to read, narrow enough to fit a screen. */
const SUGGESTED_COLUMNS = 3;
/** Rings of candidates tried around a starting point before giving up on finding free space. */
const MAX_RINGS = 40;

const overlap = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
export const noteRect = (p: Point): Rect => ({ x: p.x, y: p.y, w: NOTE_WIDTH, h: NOTE_HEIGHT });
export const clusterRect = (c: Pick<Cluster, 'pos' | 'size'>): Rect => ({ x: c.pos.x, y: c.pos.y, w: c.size.w, h: c.size.h });

/**
 * The first grid slot of a category of `size` that none of its notes covers (`inside`: their
 * positions relative to the category), and the height the category needs to show it.
 */
export function nextFreeSlot(size: Size, inside: readonly Point[]): { slot: Point; height: number } {
  // A note placed by hand can straddle up to four slots; this many candidates always holds a free one.
  const slots = gridSlots(size, 4 * (inside.length + 1));
  const taken = inside.map(noteRect);
  const slot = slots.find((s) => !taken.some((r) => overlap(noteRect(s), r))) ?? slots[0]!;
  return { slot, height: Math.min(CLUSTER_MAX_SIZE.h, Math.max(size.h, slot.y + NOTE_HEIGHT + CLUSTER_PADDING)) };
}

/** A note dropped into a category lands wholly inside it, below the title bar. */
export function clampInto(cluster: Pick<Cluster, 'pos' | 'size'>, abs: Point): Point {
  const maxX = Math.max(0, cluster.size.w - NOTE_WIDTH);
  const maxY = Math.max(CLUSTER_HEADER_HEIGHT, cluster.size.h - NOTE_HEIGHT);
  return {
    x: cluster.pos.x + Math.min(maxX, Math.max(0, abs.x - cluster.pos.x)),
    y: cluster.pos.y + Math.min(maxY, Math.max(CLUSTER_HEADER_HEIGHT, abs.y - cluster.pos.y)),
  };
}

/**
 * The free spot for a rectangle of `size` nearest to `start`, on rings of candidates around
 * it, touching none of `obstacles`. Far enough out, the board is always empty.
 */
export function freeSpot(start: Point, size: Size, obstacles: readonly Rect[], step = Math.min(size.w, size.h) / 2): Point {
  const gap = CLUSTER_PADDING;
  const clear = (p: Point) => !obstacles.some((o) => overlap({ x: p.x - gap, y: p.y - gap, w: size.w + 2 * gap, h: size.h + 2 * gap }, o));
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    const candidates: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) === ring) candidates.push({ x: Math.round(start.x + i * step), y: Math.round(start.y + j * step) });
      }
    }
    candidates.sort((a, b) => Math.hypot(a.x - start.x, a.y - start.y) - Math.hypot(b.x - start.x, b.y - start.y));
    const found = candidates.find(clear);
    if (found) return found;
  }
  return start;
}

/** The box around `rects`, or null for none. */
export function bounds(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let x = Infinity, y = Infinity, right = -Infinity, bottom = -Infinity;
  for (const r of rects) {
    x = Math.min(x, r.x);
    y = Math.min(y, r.y);
    right = Math.max(right, r.x + r.w);
    bottom = Math.max(bottom, r.y + r.h);
  }
  return { x, y, w: right - x, h: bottom - y };
}

/** The size of a category made to hold `count` notes in SUGGESTED_COLUMNS columns. */
export function sizeFor(count: number): Size {
  const cols = SUGGESTED_COLUMNS;
  const rows = Math.max(1, Math.ceil(count / cols));
  return {
    w: CLUSTER_PADDING + cols * (NOTE_WIDTH + CLUSTER_PADDING),
    h: Math.max(CLUSTER_DEFAULT_SIZE.h / 2, CLUSTER_HEADER_HEIGHT + rows * (NOTE_HEIGHT + CLUSTER_PADDING) + CLUSTER_PADDING),
  };
}

/**
 * Positions for new categories of `sizes`, in rows of about √k, starting at `origin`: a block
 * that reads left to right, top to bottom, in the order given.
 */
export function layoutGrid(origin: Point, sizes: readonly Size[]): Point[] {
  const perRow = Math.max(1, Math.ceil(Math.sqrt(sizes.length)));
  const out: Point[] = [];
  let y = origin.y;
  for (let start = 0; start < sizes.length; start += perRow) {
    const row = sizes.slice(start, start + perRow);
    let x = origin.x;
    for (const s of row) {
      out.push({ x, y });
      x += s.w + CLUSTER_GAP;
    }
    y += Math.max(...row.map((s) => s.h)) + CLUSTER_GAP;
  }
  return out;
}

/** The box around everything on the board: notes (board positions) and live categories. */
export const contentBox = (positions: readonly Point[], clusters: readonly Pick<Cluster, 'pos' | 'size'>[]): Rect | null =>
  bounds([...positions.map(noteRect), ...clusters.map(clusterRect)]);
