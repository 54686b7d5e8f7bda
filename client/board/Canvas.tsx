import { DndContext, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { useMemo, type MouseEvent, type PointerEvent, type RefObject } from 'react';
import type { Note, Point, Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Peer } from '../sync/usePresence.js';
import { Cursors } from './Cursors.js';
import { noteAnnouncements, noteInstructions } from './dndAnnouncements.js';
import { NoteCard, type NoteActions, type NotePermissions } from './NoteCard.js';
import { useNoteSensors } from './sensors.js';
import { isBackground, useCanvasGestures } from './useCanvasGestures.js';
import { toBoard, type Viewport } from './viewport.js';

/** The dot grid spacing in board units; it scales and pans with the notes so motion reads as motion. */
const GRID_SIZE = 24;

interface Props {
  canvasRef: RefObject<HTMLDivElement | null>;
  notes: readonly Note[];
  peers: readonly Peer[];
  viewport: Viewport;
  setViewport: (update: (v: Viewport) => Viewport) => void;
  selectedId: string | null;
  editingId: string | null;
  actions: NoteActions;
  permissions: (author: string) => NotePermissions;
  teams: readonly Team[];
  /** A team id whose notes stand out (the rest are dimmed), or null for none. */
  teamFilter: string | null;
  canAdd: boolean;
  onAddAt: (p: Point) => void;
  onMoveNote: (id: string, delta: Point) => void;
  onBackgroundPress: () => void;
  onCursor: (p: Point | null) => void;
}

export function Canvas(props: Props) {
  const { canvasRef, notes, peers, viewport, setViewport, selectedId, editingId, actions } = props;
  const { t } = useI18n();
  const sensors = useNoteSensors();
  const teamById = useMemo(() => new Map(props.teams.map((tm) => [tm.id, tm])), [props.teams]);
  const gestures = useCanvasGestures(canvasRef, setViewport);

  const accessibility = useMemo(() => {
    const byId = new Map(notes.map((n) => [n.id, n]));
    const describe = (id: string) => byId.get(id)?.text.trim().slice(0, 80) || t('note.empty');
    return { announcements: noteAnnouncements(t, describe), screenReaderInstructions: noteInstructions(t) };
  }, [notes, t]);

  const boardPoint = (e: { clientX: number; clientY: number }): Point | null => {
    const el = canvasRef.current;
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return toBoard(viewport, { x: e.clientX - r.left, y: e.clientY - r.top });
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (isBackground(e.target, canvasRef.current)) props.onBackgroundPress();
    gestures.onPointerDown(e);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    gestures.onPointerMove(e);
    if (e.pointerType !== 'touch') props.onCursor(boardPoint(e));
  };

  const onDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    if (!isBackground(e.target, canvasRef.current)) return;
    const p = boardPoint(e);
    if (p && props.canAdd) props.onAddAt(p);
  };

  const onDragStart = ({ active }: DragStartEvent) => actions.select(String(active.id));
  const onDragEnd = ({ active, delta }: DragEndEvent) => {
    if (delta.x === 0 && delta.y === 0) return;
    props.onMoveNote(String(active.id), { x: delta.x / viewport.zoom, y: delta.y / viewport.zoom });
  };

  const grid = GRID_SIZE * viewport.zoom;
  return (
    <div
      ref={canvasRef}
      className="canvas"
      data-testid="canvas"
      role="region"
      aria-label={t('board.canvasLabel')}
      tabIndex={-1}
      style={{
        backgroundSize: `${grid}px ${grid}px`,
        backgroundPosition: `${viewport.x}px ${viewport.y}px`,
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={gestures.onPointerUp}
      onPointerCancel={gestures.onPointerCancel}
      onPointerLeave={() => props.onCursor(null)}
      onDoubleClick={onDoubleClick}
    >
      <DndContext sensors={sensors} autoScroll={false} accessibility={accessibility} onDragStart={onDragStart} onDragEnd={onDragEnd}>
        <div
          className="board-layer"
          data-board-layer=""
          style={{ transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` }}
        >
          {notes.map((note) => {
            const may = props.permissions(note.author);
            return (
              <NoteCard
                key={note.id}
                note={note}
                selected={note.id === selectedId}
                editing={note.id === editingId && may.edit}
                zoom={viewport.zoom}
                actions={actions}
                canEdit={may.edit}
                canMove={may.move}
                canDelete={may.remove}
                team={teamById.get(note.team)}
                dimmed={props.teamFilter !== null && note.team !== props.teamFilter}
              />
            );
          })}
        </div>
      </DndContext>
      {notes.length === 0 && props.canAdd && <p className="canvas-empty">{t('board.emptyHint')}</p>}
      <Cursors peers={peers} viewport={viewport} />
    </div>
  );
}
