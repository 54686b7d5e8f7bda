/**
 * Every category write the UI makes, and every write that sorts a note. Like useBoardActions:
 * each is checked against the rules as the document states them at that instant (the phase can
 * change between a click and the write, and a refused write costs the connection), and each is
 * one undo step.
 */
import { useMemo } from 'react';
import type * as Y from 'yjs';
import {
  absolutePos, assignNote, createCluster, gridSlots, deleteCluster, describeCluster, mergeClusters, moveCluster, notesByCluster,
  recolorCluster, renameCluster, reorderCluster, resizeCluster, selectCluster, selectClusters,
} from '../../shared/clusters.js';
import { selectRules } from '../../shared/meta.js';
import { selectNote } from '../../shared/notes.js';
import { NOTE_COLOR_NAMES, type NoteColor } from '../../shared/palette.js';
import { decide, type Action, type Actor } from '../../shared/policy.js';
import { CLUSTER_DEFAULT_SIZE, NOTE_HEIGHT, NOTE_WIDTH, type Point, type Size } from '../../shared/schema.js';
import { LOCAL_ORIGIN } from '../../shared/origins.js';
import { LOCAL_FINAL_ORIGIN } from '../sync/origins.js';
import { bounds, clampInto, CLUSTER_GAP, clusterRect, freeSpot, layoutGrid, nextFreeSlot, noteRect, sizeFor, type Rect } from './placement.js';

export interface Proposal {
  name: string;
  noteIds: readonly string[];
}

export interface ClusterActions {
  /** A new, empty category near `center` (board units); its id, or null when not allowed now. */
  create: (center: Point) => string | null;
  rename: (id: string, name: string) => void;
  describe: (id: string, text: string) => void;
  recolor: (id: string, color: NoteColor) => void;
  move: (id: string, pos: Point) => void;
  resize: (id: string, size: Size) => void;
  /** Move to `index` among the other categories (outline order). */
  reorder: (id: string, index: number) => void;
  merge: (sourceId: string, targetId: string) => void;
  remove: (id: string) => void;
  /** A note dropped at `abs` (board units) into `clusterId` ('' = unsorted). */
  drop: (noteId: string, clusterId: string, abs: Point) => void;
  /** "Move to…": into the next free slot of `clusterId`, or out beside its category for ''. */
  moveTo: (noteId: string, clusterId: string) => boolean;
  /** Create the proposed categories and sort their notes into them, as one undoable change. */
  accept: (proposals: readonly Proposal[]) => string[];
}

export function useClusterActions(doc: Y.Doc, undo: Y.UndoManager, actor: Actor): ClusterActions {
  const { role, id: actorId, team } = actor;
  return useMemo<ClusterActions>(() => {
    const me: Actor = { role, id: actorId, team };
    const allowed = (action: Action) => decide(me, selectRules(doc), action).ok;
    const mayMove = (noteId: string) => {
      const note = selectNote(doc, noteId);
      return note !== null && allowed({ kind: 'note.move', note: { author: note.author } });
    };
    const step = <T,>(fn: () => T): T => {
      undo.stopCapturing();
      const out = fn();
      undo.stopCapturing();
      return out;
    };
    const write = (fn: () => void) => {
      if (allowed({ kind: 'category.write' })) step(fn);
    };
    const remove = (fn: () => void) => {
      if (allowed({ kind: 'category.remove' })) step(fn);
    };
    /** What a new category must not cover: categories, and notes not in one. */
    const obstacles = (except: ReadonlySet<string> = new Set()): Rect[] => [
      ...selectClusters(doc).map(clusterRect),
      ...(notesByCluster(doc).get('') ?? []).filter((n) => !except.has(n.id)).map((n) => noteRect(absolutePos(doc, n))),
    ];

    return {
      create: (center) => {
        if (!allowed({ kind: 'category.write' })) return null;
        const size = CLUSTER_DEFAULT_SIZE;
        const pos = freeSpot({ x: center.x - size.w / 2, y: center.y - size.h / 2 }, size, obstacles());
        const color = NOTE_COLOR_NAMES[selectClusters(doc, true).length % NOTE_COLOR_NAMES.length];
        // Only the facilitator may remove a category, so only the facilitator may undo making one.
        const origin = role === 'facilitator' ? LOCAL_ORIGIN : LOCAL_FINAL_ORIGIN;
        return step(() => createCluster(doc, { name: '', pos, color, createdBy: actorId }, origin));
      },
      rename: (id, name) => write(() => renameCluster(doc, id, name.trim())),
      describe: (id, text) => write(() => describeCluster(doc, id, text.trim())),
      recolor: (id, color) => write(() => recolorCluster(doc, id, color)),
      move: (id, pos) => write(() => moveCluster(doc, id, pos)),
      resize: (id, size) => write(() => resizeCluster(doc, id, size)),
      reorder: (id, index) => write(() => reorderCluster(doc, id, index)),
      merge: (sourceId, targetId) => remove(() => mergeClusters(doc, sourceId, targetId)),
      remove: (id) => remove(() => deleteCluster(doc, id)),
      drop: (noteId, clusterId, abs) => {
        if (!mayMove(noteId)) return;
        const target = clusterId ? selectCluster(doc, clusterId) : null;
        const at = target && !target.deleted ? clampInto(target, abs) : abs;
        step(() => assignNote(doc, noteId, target && !target.deleted ? target.id : '', at));
      },
      moveTo: (noteId, clusterId) => {
        const note = selectNote(doc, noteId);
        if (!note || !mayMove(noteId) || note.clusterId === clusterId) return false;
        const from = note.clusterId ? selectCluster(doc, note.clusterId) : null;
        if (!clusterId) {
          // Out of a category: beside it, on the left, where the unsorted notes of a sorted board tend to be.
          const abs = absolutePos(doc, note);
          const start = from ? { x: from.pos.x - NOTE_WIDTH - CLUSTER_GAP, y: abs.y } : abs;
          const spot = freeSpot(start, { w: NOTE_WIDTH, h: NOTE_HEIGHT }, obstacles(new Set([noteId])));
          step(() => assignNote(doc, noteId, '', spot));
          return true;
        }
        const target = selectCluster(doc, clusterId);
        if (!target || target.deleted) return false;
        const inside = (notesByCluster(doc).get(clusterId) ?? []).map((n) => n.pos);
        const { slot, height } = nextFreeSlot(target.size, inside);
        // Growing the category is a category write: a participant sorting during brainstorm may
        // not, so there the note goes in below the frame's edge rather than the write being refused.
        const grow = height > target.size.h && allowed({ kind: 'category.write' });
        step(() =>
          doc.transact(() => {
            if (grow) resizeCluster(doc, clusterId, { w: target.size.w, h: height });
            assignNote(doc, noteId, clusterId, { x: target.pos.x + slot.x, y: target.pos.y + slot.y });
          }, LOCAL_ORIGIN),
        );
        return true;
      },
      accept: (proposals) => {
        const usable = proposals.map((p) => ({ ...p, noteIds: p.noteIds.filter(mayMove) })).filter((p) => p.noteIds.length > 0);
        if (usable.length === 0 || !allowed({ kind: 'category.write' })) return [];
        const moving = new Set(usable.flatMap((p) => p.noteIds));
        const sizes = usable.map((p) => sizeFor(p.noteIds.length));
        // On empty canvas: right of everything that stays where it is, or where the sorted notes were.
        const stays = bounds(obstacles(moving));
        const leaving = bounds([...moving].flatMap((id) => {
          const n = selectNote(doc, id);
          return n ? [noteRect(absolutePos(doc, n))] : [];
        }));
        const origin = stays ? { x: stays.x + stays.w + 2 * CLUSTER_GAP, y: stays.y } : leaving ? { x: leaving.x, y: leaving.y } : { x: 0, y: 0 };
        const places = layoutGrid(origin, sizes);
        const firstColor = selectClusters(doc, true).length;
        const ids: string[] = [];
        step(() =>
          doc.transact(() => {
            usable.forEach((p, i) => {
              const pos = places[i]!;
              const color = NOTE_COLOR_NAMES[(firstColor + i) % NOTE_COLOR_NAMES.length];
              const id = createCluster(doc, { name: p.name, pos, size: sizes[i], color, createdBy: actorId });
              ids.push(id);
              const slots = gridSlots(sizes[i]!, p.noteIds.length);
              p.noteIds.forEach((noteId, j) => assignNote(doc, noteId, id, { x: pos.x + slots[j]!.x, y: pos.y + slots[j]!.y }));
            });
          }, LOCAL_ORIGIN),
        );
        return ids;
      },
    };
  }, [doc, undo, role, actorId, team]);
}
