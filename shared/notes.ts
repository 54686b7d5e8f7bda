/**
 * Note operations: each is (doc, args) => void inside one transaction, and selectors that
 * return plain, validated objects. Every write goes through here so client, server and tests
 * produce the same document shape.
 */
import * as Y from 'yjs';
import { isClusterId, newNoteId, type NoteId } from './ids.js';
import { DEFAULT_NOTE_COLOR, isNoteColor, type NoteColor } from './palette.js';
import { getNotes, MAX_NAME, MAX_NOTE_TEXT, type Note, type NoteMap, type Point } from './schema.js';
import { LOCAL_ORIGIN } from './origins.js';
import { cleanText, restoreNote, toPoint, truncate } from './validate.js';

export interface NewNote {
  id?: NoteId;
  text?: string;
  pos: Point;
  color?: NoteColor;
  author: string;
  authorName: string;
  team?: string;
  /** Category to post straight into ('' or absent: unsorted); `pos` is then relative to it. */
  clusterId?: string;
  now?: number;
}

/** Add a note and return its id. */
export function addNote(doc: Y.Doc, args: NewNote, origin: unknown = LOCAL_ORIGIN): NoteId {
  const id = args.id ?? newNoteId();
  const now = args.now ?? Date.now();
  const pos = toPoint(args.pos) ?? { x: 0, y: 0 };
  doc.transact(() => {
    const note: NoteMap = new Y.Map();
    note.set('text', cleanText(args.text ?? '', MAX_NOTE_TEXT));
    note.set('pos', pos);
    note.set('color', isNoteColor(args.color) ? args.color : DEFAULT_NOTE_COLOR);
    note.set('author', truncate(args.author, 64));
    note.set('authorName', cleanText(args.authorName, MAX_NAME));
    note.set('team', truncate(args.team ?? '', 64));
    note.set('clusterId', args.clusterId && isClusterId(args.clusterId) ? args.clusterId : '');
    note.set('hidden', false);
    note.set('createdAt', now);
    note.set('updatedAt', now);
    getNotes(doc).set(id, note);
  }, origin);
  return id;
}

/** Set fields on an existing note; a no-op when the note is gone (deleted concurrently). */
function updateNote(doc: Y.Doc, id: string, fields: Record<string, unknown>, origin: unknown): void {
  doc.transact(() => {
    const note = getNotes(doc).get(id);
    if (!note) return;
    let contentChanged = false;
    for (const [k, v] of Object.entries(fields)) {
      const cur = note.get(k);
      // Skip identical writes: each set leaves a tombstone, and drags often end where they began.
      if (k === 'pos' ? samePoint(cur, v as Point) : cur === v) continue;
      note.set(k, v);
      if (k !== 'pos') contentChanged = true;
    }
    // Moves are the most frequent write of a session; they are one write each, not two.
    if (contentChanged) note.set('updatedAt', Date.now());
  }, origin);
}

const samePoint = (a: unknown, b: Point): boolean =>
  typeof a === 'object' && a !== null && (a as Point).x === b.x && (a as Point).y === b.y;

/** Replace a note's text. */
export const editNote = (doc: Y.Doc, id: string, text: string, origin: unknown = LOCAL_ORIGIN): void =>
  updateNote(doc, id, { text: cleanText(text, MAX_NOTE_TEXT) }, origin);

/** Move a note to a position (clamped to the canvas). */
export function moveNote(doc: Y.Doc, id: string, pos: Point, origin: unknown = LOCAL_ORIGIN): void {
  const p = toPoint(pos);
  if (p) updateNote(doc, id, { pos: p }, origin);
}

/** Change a note's color. */
export function recolorNote(doc: Y.Doc, id: string, color: NoteColor, origin: unknown = LOCAL_ORIGIN): void {
  if (isNoteColor(color)) updateNote(doc, id, { color }, origin);
}

/** Hide or show a note (facilitator moderation). */
export const setNoteHidden = (doc: Y.Doc, id: string, hidden: boolean, origin: unknown = LOCAL_ORIGIN): void =>
  updateNote(doc, id, { hidden }, origin);

/** Delete a note. */
export function deleteNote(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => getNotes(doc).delete(id), origin);
}

/** One note as plain validated data, or null. */
export function selectNote(doc: Y.Doc, id: string): Note | null {
  const m = getNotes(doc).get(id);
  return m instanceof Y.Map ? restoreNote(id, m.toJSON()) : null;
}

/** All notes as plain validated data, oldest first (ties broken by id so every replica agrees). */
export function selectNotes(doc: Y.Doc): Note[] {
  const out: Note[] = [];
  getNotes(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const n = restoreNote(id, m.toJSON());
    if (n) out.push(n);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
