/**
 * The camera over the board. Board coordinates are what the document stores; screen
 * coordinates are CSS pixels relative to the canvas element:
 *
 *   screen = board × zoom + offset
 */
import { NOTE_HEIGHT, NOTE_WIDTH, type Point } from '../../shared/schema.js';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Low enough that Fit shows a whole 1,000-note board (notes are drawn compact out there). */
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 2;
export const ZOOM_STEP = 1.25;
/** Space kept around the notes when fitting them to the screen, in screen pixels. */
const FIT_MARGIN_PX = 48;
/** Where board (0,0) sits on a fresh board, so the first notes are not glued to the edge. */
export const INITIAL_VIEWPORT: Viewport = { x: 32, y: 32, zoom: 1 };

const clampZoom = (z: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

export const toBoard = (v: Viewport, screen: Point): Point => ({
  x: (screen.x - v.x) / v.zoom,
  y: (screen.y - v.y) / v.zoom,
});

export const toScreen = (v: Viewport, board: Point): Point => ({
  x: board.x * v.zoom + v.x,
  y: board.y * v.zoom + v.y,
});

/** Zoom keeping the board point under `anchor` (screen) fixed, as pinch and ctrl+wheel expect. */
export function zoomAround(v: Viewport, zoom: number, anchor: Point): Viewport {
  const z = clampZoom(zoom);
  const b = toBoard(v, anchor);
  return { zoom: z, x: anchor.x - b.x * z, y: anchor.y - b.y * z };
}

export const panBy = (v: Viewport, dx: number, dy: number): Viewport => ({ ...v, x: v.x + dx, y: v.y + dy });

/** A rectangle on the board, in board units. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The viewport that shows all of `box` (notes and categories), never zooming in past `maxZoom`
 * (100% on a working board, where a larger note than your neighbour's would only confuse; more
 * on a projector).
 */
export function fitBox(box: Box | null, width: number, height: number, maxZoom = 1, insetTop = 0): Viewport {
  if (!box) return INITIAL_VIEWPORT;
  // insetTop: screen pixels covered at the top (a floating toolbar); content is framed below them.
  const h = Math.max(1, height - insetTop);
  const availW = Math.max(1, width - 2 * FIT_MARGIN_PX);
  const availH = Math.max(1, h - 2 * FIT_MARGIN_PX);
  const zoom = clampZoom(Math.min(maxZoom, availW / Math.max(1, box.w), availH / Math.max(1, box.h)));
  return {
    zoom,
    x: (width - box.w * zoom) / 2 - box.x * zoom,
    y: insetTop + (h - box.h * zoom) / 2 - box.y * zoom,
  };
}

/** The viewport that shows every note (top-left positions), as fitBox. */
export function fitNotes(positions: readonly Point[], width: number, height: number, maxZoom = 1): Viewport {
  if (positions.length === 0) return INITIAL_VIEWPORT;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of positions) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + NOTE_WIDTH);
    maxY = Math.max(maxY, p.y + NOTE_HEIGHT);
  }
  return fitBox({ x: minX, y: minY, w: maxX - minX, h: maxY - minY }, width, height, maxZoom);
}

/** Gap kept between a new note and its neighbours, in board units. */
const NOTE_GAP = 16;
/** Rings of candidate slots tried around the centre before giving up and cascading. */
const MAX_RINGS = 4;

export const overlaps = (a: Point, b: Point): boolean =>
  Math.abs(a.x - b.x) < NOTE_WIDTH + NOTE_GAP / 2 && Math.abs(a.y - b.y) < NOTE_HEIGHT + NOTE_GAP / 2;

/**
 * Where a new note goes when added without a pointer (toolbar, "N"): centred in view if
 * free, else the nearest free slot on a grid of note-sized cells around the centre, so a
 * burst of additions lays out side by side instead of piling up. `rings`: how far out to
 * look before cascading. `pick`: which of the nearest free slots (modulo their number), so
 * that clients placing notes at the same moment, each unaware of the others, spread out.
 */
export function freeSpotNear(center: Point, taken: readonly Point[], { rings = MAX_RINGS, pick = 0 } = {}): Point {
  const origin = { x: Math.round(center.x - NOTE_WIDTH / 2), y: Math.round(center.y - NOTE_HEIGHT / 2) };
  const stepX = NOTE_WIDTH + NOTE_GAP;
  const stepY = NOTE_HEIGHT + NOTE_GAP;
  for (let ring = 0; ring <= rings; ring++) {
    const slots: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        slots.push({ x: origin.x + i * stepX, y: origin.y + j * stepY });
      }
    }
    // Nearest first within a ring, so the note lands as close to the centre as it can.
    slots.sort((a, b) => Math.hypot(a.x - origin.x, a.y - origin.y) - Math.hypot(b.x - origin.x, b.y - origin.y));
    const free = slots.filter((s) => !taken.some((t) => overlaps(s, t)));
    if (free.length > 0) return free[Math.abs(pick) % free.length]!;
  }
  return { x: origin.x + NOTE_GAP, y: origin.y + NOTE_GAP };
}
