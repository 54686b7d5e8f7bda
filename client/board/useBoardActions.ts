/**
 * Every document write the board UI makes, in one place.
 *
 * Each write is checked against the rules as the document states them at that instant: the
 * phase can change between a click and the write (the facilitator moves on), and a write the
 * server refuses closes the connection and discards this device's copy.
 *
 * Each write also starts a fresh undo step, so "undo" reverses exactly one visible action,
 * never two that happened within the UndoManager's capture window.
 */
import { useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { selectAnonymous, selectRules } from '../../shared/meta.js';
import { selectCluster } from '../../shared/clusters.js';
import { addNote, deleteNote, editNote, recolorNote, selectNote, setNoteHidden } from '../../shared/notes.js';
import type { NoteColor } from '../../shared/palette.js';
import { decide, type Action, type Actor } from '../../shared/policy.js';
import type { Point } from '../../shared/schema.js';
import type { NoteActions } from './NoteCard.js';

export interface BoardActions extends NoteActions {
  /** Returns the new note's id, or null when adding is not allowed right now. */
  addAt: (topLeft: Point, clusterId?: string) => string | null;
  clearSelection: () => void;
  closeMoveTo: () => void;
}

export interface BoardSelection {
  /** Stable for the life of the board, so memoized note cards ignore selection changes elsewhere. */
  actions: BoardActions;
  selectedId: string | null;
  editingId: string | null;
  /** The note whose "Move to…" list is open, or null. */
  moveToId: string | null;
}

export function useBoardActions(doc: Y.Doc, undo: Y.UndoManager, actor: Actor, authorName: string): BoardSelection {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [moveToId, setMoveToId] = useState<string | null>(null);
  const { role, id: actorId, team } = actor;

  const actions = useMemo<BoardActions>(() => {
    const me: Actor = { role, id: actorId, team };
    const allowed = (action: Action) => decide(me, selectRules(doc), action).ok;
    const noteRef = (id: string) => {
      const note = selectNote(doc, id);
      return note ? { author: note.author, pos: note.pos } : null;
    };
    const step = <T,>(fn: () => T): T => {
      undo.stopCapturing();
      const out = fn();
      undo.stopCapturing();
      return out;
    };
    return {
      select: (id: string) => setSelectedId(id),
      clearSelection: () => {
        setSelectedId(null);
        setEditingId(null);
      },
      edit: (id: string) => {
        setSelectedId(id);
        setEditingId(id);
      },
      stopEditing: () => setEditingId(null),
      commit: (id: string, text: string) => {
        const note = noteRef(id);
        if (note && allowed({ kind: 'note.edit', note })) step(() => editNote(doc, id, text));
        setEditingId(null);
      },
      remove: (id: string) => {
        const note = noteRef(id);
        if (!note || !allowed({ kind: 'note.delete', note })) return;
        step(() => deleteNote(doc, id));
        setSelectedId((cur) => (cur === id ? null : cur));
        setEditingId((cur) => (cur === id ? null : cur));
      },
      recolor: (id: string, color: NoteColor) => {
        const note = noteRef(id);
        if (note && allowed({ kind: 'note.edit', note })) step(() => recolorNote(doc, id, color));
      },
      addAt: (topLeft: Point, clusterId = '') => {
        if (!allowed({ kind: 'note.create', author: actorId, team })) return null;
        // Posted straight into a category (double-click inside its frame): stored relative to it.
        const into = clusterId ? selectCluster(doc, clusterId) : null;
        const pos = into && !into.deleted ? { x: topLeft.x - into.pos.x, y: topLeft.y - into.pos.y } : topLeft;
        // On an anonymous board a note carries no name (the server refuses one that does).
        const name = selectAnonymous(doc) ? '' : authorName;
        const id = step(() => addNote(doc, { pos, author: actorId, authorName: name, team, clusterId: into && !into.deleted ? into.id : '' }));
        setSelectedId(id);
        setEditingId(id);
        return id;
      },
      setHidden: (id: string, hidden: boolean) => {
        // Moderation is the facilitator's alone; the server refuses `hidden` from anyone else.
        if (selectNote(doc, id) && allowed({ kind: 'facilitate' })) step(() => setNoteHidden(doc, id, hidden));
      },
      openMoveTo: (id: string) => {
        setSelectedId(id);
        setMoveToId(id);
      },
      closeMoveTo: () => setMoveToId(null),
    };
  }, [doc, undo, role, actorId, team, authorName]);

  return { actions, selectedId, editingId, moveToId };
}
