/**
 * "Follow me": the facilitator's camera travels in their presence (awareness) as the part of
 * the board they are looking at; everyone following shows that same part, fitted to their own
 * screen, whatever its size. Presence is temporary by nature: nothing of this is stored.
 */
import type { Awareness } from 'y-protocols/awareness';
import { CANVAS_MAX, CANVAS_MIN } from '../../shared/schema.js';
import type { Box, Viewport } from '../board/viewport.js';

/** The facilitator's camera and canvas size, as published in `state.viewport`. */
export interface SharedView {
  x: number;
  y: number;
  zoom: number;
  /** Canvas size in CSS pixels: with the camera, it says which part of the board is in view. */
  width: number;
  height: number;
}

/** Camera updates sent at most this often: a pan reads as motion, and 100 followers stay cheap. */
export const FOLLOW_PUBLISH_MS = 150;
/** Followers may zoom in further than a working board does (a projector shows one category large). */
const FOLLOW_MAX_ZOOM = 3;
const FOLLOW_MIN_ZOOM = 0.05;

const finite = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

/** A shared view from an untrusted presence state, or null. */
export function readSharedView(state: unknown): SharedView | null {
  if (typeof state !== 'object' || state === null) return null;
  const v = (state as { viewport?: unknown }).viewport;
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const span = 10 * (CANVAS_MAX - CANVAS_MIN);
  if (!finite(o.x, -span, span) || !finite(o.y, -span, span) || !finite(o.zoom, 0.05, 10) || !finite(o.width, 1, 20_000) || !finite(o.height, 1, 20_000)) return null;
  return { x: o.x, y: o.y, zoom: o.zoom, width: o.width, height: o.height };
}

/** The board area a shared view shows. */
export const viewBox = (v: SharedView): Box => ({ x: -v.x / v.zoom, y: -v.y / v.zoom, w: v.width / v.zoom, h: v.height / v.zoom });

/** The camera that shows the same board area on a canvas of `width` × `height`. */
export function followViewport(v: SharedView, width: number, height: number): Viewport {
  const b = viewBox(v);
  // The whole of the facilitator's view stays in sight, centred; a wider screen shows a little more around it.
  const zoom = Math.min(FOLLOW_MAX_ZOOM, Math.max(FOLLOW_MIN_ZOOM, Math.min(width / b.w, height / b.h)));
  return { zoom, x: (width - b.w * zoom) / 2 - b.x * zoom, y: (height - b.h * zoom) / 2 - b.y * zoom };
}

/** The facilitator's shared view among the peers' presence states (the first facilitator tab that shares one). */
export function facilitatorView(awareness: Awareness): SharedView | null {
  const ids = [...awareness.getStates().keys()].sort((a, b) => a - b);
  for (const id of ids) {
    if (id === awareness.clientID) continue;
    const state = awareness.getStates().get(id) as { user?: { role?: unknown } } | undefined;
    if (state?.user?.role !== 'facilitator') continue;
    const view = readSharedView(state);
    if (view) return view;
  }
  return null;
}
