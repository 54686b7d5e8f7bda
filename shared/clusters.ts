/**
 * Solution categories ("clusters"): operations (doc, args) => void inside one transaction, and
 * selectors returning plain validated objects. See schema.ts for the invariants: membership on
 * the note, positions relative to the category, categories deleted by flag only.
 */
import * as Y from 'yjs';
import { newClusterId, type ClusterId } from './ids.js';
import { DEFAULT_NOTE_COLOR, isNoteColor, type NoteColor } from './palette.js';
import {
  CLUSTER_DEFAULT_SIZE, CLUSTER_HEADER_HEIGHT, getClusters, getNotes, MAX_CLUSTER_DESCRIPTION, MAX_CLUSTER_NAME,
  NOTE_HEIGHT, NOTE_WIDTH, type Cluster, type Note, type Point, type Size,
} from './schema.js';
import { LOCAL_ORIGIN } from './origins.js';
import { selectNotes } from './notes.js';
import { cleanText, restoreCluster, toPoint, toSize } from './validate.js';

/** Gap between notes laid out inside a category, board units. */
export const CLUSTER_PADDING = 16;

export interface NewCluster {
  id?: ClusterId;
  name: string;
  description?: string;
  color?: NoteColor;
  pos: Point;
  size?: Size;
  createdBy: string;
  now?: number;
}

/** Create a category at the end of the order; returns its id. */
export function createCluster(doc: Y.Doc, args: NewCluster, origin: unknown = LOCAL_ORIGIN): ClusterId {
  const id = args.id ?? newClusterId();
  const last = selectClusters(doc).at(-1);
  doc.transact(() => {
    const c = new Y.Map<unknown>();
    c.set('name', cleanText(args.name, MAX_CLUSTER_NAME));
    c.set('description', cleanText(args.description ?? '', MAX_CLUSTER_DESCRIPTION));
    c.set('color', isNoteColor(args.color) ? args.color : DEFAULT_NOTE_COLOR);
    c.set('pos', toPoint(args.pos) ?? { x: 0, y: 0 });
    c.set('size', toSize(args.size ?? CLUSTER_DEFAULT_SIZE) ?? { ...CLUSTER_DEFAULT_SIZE });
    c.set('order', last ? Math.floor(last.order) + 1 : 1);
    c.set('createdBy', args.createdBy.slice(0, 64));
    c.set('createdAt', args.now ?? Date.now());
    c.set('deleted', false);
    c.set('mergedInto', '');
    getClusters(doc).set(id, c);
  }, origin);
  return id;
}

function setField(doc: Y.Doc, id: string, key: string, value: unknown, origin: unknown): void {
  doc.transact(() => {
    const c = getClusters(doc).get(id);
    if (!c || c.get('deleted') === true) return;
    const cur = c.get(key);
    const same = typeof value === 'object' && value !== null ? JSON.stringify(cur) === JSON.stringify(value) : cur === value;
    if (!same) c.set(key, value);
  }, origin);
}

export const renameCluster = (doc: Y.Doc, id: string, name: string, origin: unknown = LOCAL_ORIGIN): void =>
  setField(doc, id, 'name', cleanText(name, MAX_CLUSTER_NAME), origin);

export const describeCluster = (doc: Y.Doc, id: string, text: string, origin: unknown = LOCAL_ORIGIN): void =>
  setField(doc, id, 'description', cleanText(text, MAX_CLUSTER_DESCRIPTION), origin);

export function recolorCluster(doc: Y.Doc, id: string, color: NoteColor, origin: unknown = LOCAL_ORIGIN): void {
  if (isNoteColor(color)) setField(doc, id, 'color', color, origin);
}

/** Move a category; its notes move with it (their positions are relative). One write. */
export function moveCluster(doc: Y.Doc, id: string, pos: Point, origin: unknown = LOCAL_ORIGIN): void {
  const p = toPoint(pos);
  if (p) setField(doc, id, 'pos', p, origin);
}

export function resizeCluster(doc: Y.Doc, id: string, size: Size, origin: unknown = LOCAL_ORIGIN): void {
  const s = toSize(size);
  if (s) setField(doc, id, 'size', s, origin);
}

/** Move a category to `index` in the order (fractional key between its new neighbours). */
export function reorderCluster(doc: Y.Doc, id: string, index: number, origin: unknown = LOCAL_ORIGIN): void {
  const others = selectClusters(doc).filter((c) => c.id !== id);
  const i = Math.max(0, Math.min(others.length, Math.floor(index)));
  const before = others[i - 1]?.order;
  const after = others[i]?.order;
  const order = before === undefined ? (after === undefined ? 1 : after - 1) : after === undefined ? before + 1 : (before + after) / 2;
  setField(doc, id, 'order', order, origin);
}

/**
 * Put a note in a category (or unsorted, with clusterId ''), at `pos` in board coordinates.
 * Membership and position change in one transaction, so no one sees a note half-moved.
 */
export function assignNote(doc: Y.Doc, noteId: string, clusterId: string, absPos: Point, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => {
    const note = getNotes(doc).get(noteId);
    if (!note) return;
    const target = clusterId ? selectCluster(doc, clusterId) : null;
    const into = target && !target.deleted ? target.id : '';
    const p = toPoint(absPos) ?? { x: 0, y: 0 };
    const rel = into && target ? { x: p.x - target.pos.x, y: p.y - target.pos.y } : p;
    // Each write is a tombstone: a drop where the note already was writes nothing, and sorting
    // a note is not a change of its content (updatedAt stays).
    if ((note.get('clusterId') ?? '') !== into) note.set('clusterId', into);
    const cur = note.get('pos') as Point | undefined;
    if (!cur || cur.x !== rel.x || cur.y !== rel.y) note.set('pos', rel);
  }, origin);
}

/** Merge `sourceId` into `targetId`: its notes join the target below the target's notes; the source is marked merged. */
export function mergeClusters(doc: Y.Doc, sourceId: string, targetId: string, origin: unknown = LOCAL_ORIGIN): void {
  if (sourceId === targetId) return;
  doc.transact(() => {
    const source = selectCluster(doc, sourceId);
    const target = selectCluster(doc, targetId);
    if (!source || !target || source.deleted || target.deleted) return;
    const groups = notesByCluster(doc);
    const existing = groups.get(targetId) ?? [];
    const moving = groups.get(sourceId) ?? [];
    const slots = gridSlots(target.size, existing.length + moving.length);
    moving.forEach((n, i) => {
      const slot = slots[existing.length + i]!;
      assignNote(doc, n.id, targetId, { x: target.pos.x + slot.x, y: target.pos.y + slot.y }, origin);
    });
    const needed = slots.at(-1);
    if (needed) {
      const h = Math.max(target.size.h, needed.y + NOTE_HEIGHT + CLUSTER_PADDING);
      if (h !== target.size.h) resizeCluster(doc, targetId, { w: target.size.w, h }, origin);
    }
    const s = getClusters(doc).get(sourceId)!;
    s.set('deleted', true);
    s.set('mergedInto', targetId);
  }, origin);
}

/** Delete a category: its notes go back to unsorted where they are on screen, never lost. */
export function deleteCluster(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => {
    const c = selectCluster(doc, id);
    if (!c || c.deleted) return;
    for (const n of notesByCluster(doc).get(id) ?? []) assignNote(doc, n.id, '', absolutePos(doc, n), origin);
    getClusters(doc).get(id)!.set('deleted', true);
  }, origin);
}

/** Where notes go inside a category of `size`: a grid below the title bar. */
export function gridSlots(size: Size, count: number): Point[] {
  const cols = Math.max(1, Math.floor((size.w - CLUSTER_PADDING) / (NOTE_WIDTH + CLUSTER_PADDING)));
  return Array.from({ length: count }, (_, i) => ({
    x: CLUSTER_PADDING + (i % cols) * (NOTE_WIDTH + CLUSTER_PADDING),
    y: CLUSTER_HEADER_HEIGHT + Math.floor(i / cols) * (NOTE_HEIGHT + CLUSTER_PADDING),
  }));
}

/** One category (deleted ones too), or null. */
export function selectCluster(doc: Y.Doc, id: string): Cluster | null {
  const m = getClusters(doc).get(id);
  return m instanceof Y.Map ? restoreCluster(id, m.toJSON()) : null;
}

/** Live categories in order (ties by id, so every replica agrees). */
export function selectClusters(doc: Y.Doc, includeDeleted = false): Cluster[] {
  const out: Cluster[] = [];
  getClusters(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const c = restoreCluster(id, m.toJSON());
    if (c && (includeDeleted || !c.deleted)) out.push(c);
  });
  return out.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A note's position in board coordinates (its category's position added, deleted ones too). */
export function absolutePos(doc: Y.Doc, note: Note): Point {
  if (!note.clusterId) return note.pos;
  const c = selectCluster(doc, note.clusterId);
  return c ? { x: c.pos.x + note.pos.x, y: c.pos.y + note.pos.y } : note.pos;
}

/**
 * Notes grouped by live category; '' holds the unsorted ones, including notes whose category
 * was deleted or merged concurrently (they are never lost).
 */
export function notesByCluster(doc: Y.Doc): Map<string, Note[]> {
  const live = new Set(selectClusters(doc).map((c) => c.id));
  const groups = new Map<string, Note[]>([['', []]]);
  for (const id of live) groups.set(id, []);
  for (const n of selectNotes(doc)) groups.get(live.has(n.clusterId) ? n.clusterId : '')!.push(n);
  return groups;
}

export interface ClusterCounts {
  total: number;
  /** Team id ('' for no team) -> number of notes. */
  byTeam: Record<string, number>;
}

/** Note counts per category ('' = unsorted), and per team inside each. */
export function clusterCounts(doc: Y.Doc): Map<string, ClusterCounts> {
  const out = new Map<string, ClusterCounts>();
  for (const [id, notes] of notesByCluster(doc)) {
    const byTeam: Record<string, number> = {};
    for (const n of notes) byTeam[n.team] = (byTeam[n.team] ?? 0) + 1;
    out.set(id, { total: notes.length, byTeam });
  }
  return out;
}

export type { ClusterId };
export const clusterAt = (clusters: Cluster[], p: Point): Cluster | null =>
  [...clusters].reverse().find((c) => p.x >= c.pos.x && p.x < c.pos.x + c.size.w && p.y >= c.pos.y && p.y < c.pos.y + c.size.h) ?? null;
