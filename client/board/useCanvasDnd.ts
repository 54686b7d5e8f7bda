/**
 * Drag and drop on the canvas: notes into, between and out of categories, and categories by
 * their title bar. The category a note lands in is the one under the drop point in board
 * coordinates (shared clusterAt), not whatever dnd-kit measures on screen, so the target is the
 * same one every other replica would compute from the document. Nothing is written while the
 * pointer moves; the drop writes once.
 */
import type { CollisionDetection, DragEndEvent, DragMoveEvent, DragStartEvent } from '@dnd-kit/core';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { clusterAt } from '../../shared/clusters.js';
import type { Cluster, Note, Point } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { boardAnnouncements, NO_CONTEXT_INSTRUCTIONS } from './dndAnnouncements.js';
import { clusterOfDrop, clusterOfFrame, dropTargetId } from './dndIds.js';
import { useNoteSensors } from './sensors.js';
import { toBoard, type Viewport } from './viewport.js';

/** A category being dragged, and how far its notes should follow it (board units). */
export interface FrameShift {
  clusterId: string;
  x: number;
  y: number;
}

interface Options {
  canvasRef: RefObject<HTMLDivElement | null>;
  viewport: Viewport;
  notes: readonly Note[];
  clusters: readonly Cluster[];
  clusterById: ReadonlyMap<string, Cluster>;
  /** Each note's position in board coordinates. */
  positions: ReadonlyMap<string, Point>;
  onSelect: (noteId: string) => void;
  onDropNote: (noteId: string, clusterId: string, abs: Point) => void;
  onMoveCluster: (clusterId: string, pos: Point) => void;
}

const center = (r: { left: number; top: number; width: number; height: number }): Point => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 });

export function useCanvasDnd(o: Options) {
  const { t } = useI18n();
  const sensors = useNoteSensors();
  const [frameShift, setFrameShift] = useState<FrameShift | null>(null);
  // DndContext hands its props through context to every category and to the notes' drag source
  // (NoteDragSource): props that change on each render (a remote edit, a camera move) would
  // re-render them all. So the handlers are made once and read what they need from here.
  const latest = useRef(o);
  useLayoutEffect(() => {
    latest.current = o;
  });

  const clientToBoard = useCallback((p: Point): Point | null => {
    const el = latest.current.canvasRef.current;
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return toBoard(latest.current.viewport, { x: p.x - r.left, y: p.y - r.top });
  }, []);

  // The drop point is the pointer, or, from the keyboard (no pointer), the middle of the moved note.
  const collisionDetection = useCallback<CollisionDetection>(
    ({ active, collisionRect, pointerCoordinates }) => {
      if (clusterOfFrame(active.id)) return [];
      const p = clientToBoard(pointerCoordinates ?? center(collisionRect));
      const under = p ? clusterAt([...latest.current.clusters], p) : null;
      return under ? [{ id: dropTargetId(under.id) }] : [];
    },
    [clientToBoard],
  );

  const accessibility = useMemo(() => {
    const noteById = (id: string) => latest.current.notes.find((n) => n.id === id);
    const announcements = boardAnnouncements(t, {
      note: (id) => noteById(id)?.text.trim().slice(0, 80) || t('note.empty'),
      cluster: (id) => latest.current.clusterById.get(id)?.name || t('cluster.untitled'),
      clusterOf: (id) => noteById(id)?.clusterId ?? '',
    });
    return { announcements, screenReaderInstructions: NO_CONTEXT_INSTRUCTIONS };
  }, [t]);

  const handlers = useMemo(() => ({
    onDragStart: ({ active }: DragStartEvent) => {
      if (!clusterOfFrame(active.id)) latest.current.onSelect(String(active.id));
    },
    onDragMove: ({ active, delta }: DragMoveEvent) => {
      const frame = clusterOfFrame(active.id);
      const { zoom } = latest.current.viewport;
      if (frame) setFrameShift({ clusterId: frame, x: delta.x / zoom, y: delta.y / zoom });
    },
    onDragEnd: ({ active, delta, over }: DragEndEvent) => {
      setFrameShift(null);
      if (delta.x === 0 && delta.y === 0) return;
      const { viewport, clusterById, positions, onMoveCluster, onDropNote } = latest.current;
      const d = { x: delta.x / viewport.zoom, y: delta.y / viewport.zoom };
      const frame = clusterOfFrame(active.id);
      if (frame) {
        const c = clusterById.get(frame);
        if (c) onMoveCluster(frame, { x: c.pos.x + d.x, y: c.pos.y + d.y });
        return;
      }
      const id = String(active.id);
      const at = positions.get(id);
      if (at) onDropNote(id, clusterOfDrop(over?.id), { x: at.x + d.x, y: at.y + d.y });
    },
    onDragCancel: () => setFrameShift(null),
  }), []);

  const context = useMemo(() => ({ sensors, collisionDetection, accessibility, ...handlers }), [sensors, collisionDetection, accessibility, handlers]);
  return { frameShift, context };
}
