/**
 * Drag and drop on the canvas: notes into, between and out of categories, and categories by
 * their title bar. The category a note lands in is the one under the drop point in board
 * coordinates (shared clusterAt), not whatever dnd-kit measures on screen, so the target is the
 * same one every other replica would compute from the document. Nothing is written while the
 * pointer moves; the drop writes once.
 */
import type { CollisionDetection, DragEndEvent, DragMoveEvent, DragStartEvent } from '@dnd-kit/core';
import { useCallback, useMemo, useState, type RefObject } from 'react';
import { clusterAt } from '../../shared/clusters.js';
import type { Cluster, Note, Point } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { boardAnnouncements, noteInstructions } from './dndAnnouncements.js';
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
  const { canvasRef, viewport, clusters, clusterById, positions } = o;

  const clientToBoard = useCallback(
    (p: Point): Point | null => {
      const el = canvasRef.current;
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return toBoard(viewport, { x: p.x - r.left, y: p.y - r.top });
    },
    [canvasRef, viewport],
  );

  // The drop point is the pointer, or, from the keyboard (no pointer), the middle of the moved note.
  const collisionDetection = useCallback<CollisionDetection>(
    ({ active, collisionRect, pointerCoordinates }) => {
      if (clusterOfFrame(active.id)) return [];
      const p = clientToBoard(pointerCoordinates ?? center(collisionRect));
      const under = p ? clusterAt([...clusters], p) : null;
      return under ? [{ id: dropTargetId(under.id) }] : [];
    },
    [clientToBoard, clusters],
  );

  const accessibility = useMemo(() => {
    const byId = new Map(o.notes.map((n) => [n.id, n]));
    const announcements = boardAnnouncements(t, {
      note: (id) => byId.get(id)?.text.trim().slice(0, 80) || t('note.empty'),
      cluster: (id) => clusterById.get(id)?.name || t('cluster.untitled'),
      clusterOf: (id) => byId.get(id)?.clusterId ?? '',
    });
    return { announcements, screenReaderInstructions: noteInstructions(t) };
  }, [o.notes, clusterById, t]);

  const onDragStart = ({ active }: DragStartEvent) => {
    if (!clusterOfFrame(active.id)) o.onSelect(String(active.id));
  };

  const onDragMove = ({ active, delta }: DragMoveEvent) => {
    const frame = clusterOfFrame(active.id);
    if (frame) setFrameShift({ clusterId: frame, x: delta.x / viewport.zoom, y: delta.y / viewport.zoom });
  };

  const onDragEnd = ({ active, delta, over }: DragEndEvent) => {
    setFrameShift(null);
    if (delta.x === 0 && delta.y === 0) return;
    const d = { x: delta.x / viewport.zoom, y: delta.y / viewport.zoom };
    const frame = clusterOfFrame(active.id);
    if (frame) {
      const c = clusterById.get(frame);
      if (c) o.onMoveCluster(frame, { x: c.pos.x + d.x, y: c.pos.y + d.y });
      return;
    }
    const id = String(active.id);
    const at = positions.get(id);
    if (at) o.onDropNote(id, clusterOfDrop(over?.id), { x: at.x + d.x, y: at.y + d.y });
  };

  return {
    frameShift,
    context: {
      sensors,
      collisionDetection,
      accessibility,
      onDragStart,
      onDragMove,
      onDragEnd,
      onDragCancel: () => setFrameShift(null),
    },
  };
}
