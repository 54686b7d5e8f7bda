import { DndContext } from '@dnd-kit/core';
import { useId, useMemo, type CSSProperties, type MouseEvent, type PointerEvent, type RefObject } from 'react';
import { clusterAt } from '../../shared/clusters.js';
import type { Note, Point, Team } from '../../shared/schema.js';
import { ClusterFrame } from '../clusters/ClusterFrame.js';
import type { ClusterActions } from '../clusters/useClusterActions.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { boardPos, type BoardContent } from '../sync/useBoardContent.js';
import type { Peer } from '../sync/usePresence.js';
import { DraftLayer } from '../drafts/DraftLayer.js';
import type { Drafts } from '../drafts/useDrafts.js';
import { Cursors } from './Cursors.js';
import { NoteCard, type NoteActions, type NoteCardProps, type NotePermissions } from './NoteCard.js';
import { NoteDragLayer, NoteDragSource } from './NoteDragLayer.js';
import { useCanvasDnd } from './useCanvasDnd.js';
import { perAuthor, useElementCache } from './elementCache.js';
import { noteId, useChunker } from './noteChunks.js';
import { NoteGroup } from './NoteGroup.js';
import { isBackground, useCanvasGestures } from './useCanvasGestures.js';
import { toBoard, type Viewport } from './viewport.js';
import { useTouchFirst } from '../ui/useTouchFirst.js';

/** The dot grid spacing in board units; it scales and pans with the notes so motion reads as motion. */
const GRID_SIZE = 24;
/**
 * Below this zoom a note's byline (11.5 px on screen: under 6) cannot be read and its corner
 * buttons (28 px: under 14) cannot be hit reliably, so unselected notes are drawn compact.
 */
const COMPACT_ZOOM = 0.5;

interface Props {
  canvasRef: RefObject<HTMLDivElement | null>;
  content: BoardContent;
  peers: readonly Peer[];
  viewport: Viewport;
  setViewport: (update: (v: Viewport) => Viewport) => void;
  selectedId: string | null;
  editingId: string | null;
  actions: NoteActions;
  clusterActions: ClusterActions;
  permissions: (author: string) => NotePermissions;
  /** The rules' category.write: rename, describe, recolor, move, resize. */
  canWriteCategories: boolean;
  /** Whether a category's "…" panel has anything to offer this person. */
  hasClusterOptions: boolean;
  /** A category this person just made: its name field opens. */
  newClusterId: string | null;
  onClusterOptions: (id: string) => void;
  teams: readonly Team[];
  /** A team id whose notes stand out (the rest are dimmed), or null for none. */
  teamFilter: string | null;
  canAdd: boolean;
  /** Add a note at `p` (board units), inside `clusterId` when the spot is in one. */
  onAddAt: (p: Point, clusterId: string) => void;
  onBackgroundPress: () => void;
  onCursor: (p: Point | null) => void;
  /** The facilitator: hide and show notes. */
  canModerate: boolean;
  /** This participant's silent-brainstorm drafts, drawn above the board's notes; null when none apply. */
  drafts: Drafts | null;
  /** The camera is about to frame the board's content: draw none of it yet (see useBoardCamera). */
  framing: boolean;
}

export function Canvas(props: Props) {
  const { canvasRef, content, peers, viewport, setViewport, selectedId, editingId, actions, clusterActions } = props;
  const { notes, clusters, clusterById, counts } = content;
  const { t } = useI18n();
  const touchFirst = useTouchFirst();
  const instructionsId = useId();
  const noteInstructionsId = useId();
  const teamById = useMemo(() => new Map(props.teams.map((tm) => [tm.id, tm])), [props.teams]);
  const positions = useMemo(() => new Map(notes.map((n) => [n.id, boardPos(n, clusterById)])), [notes, clusterById]);
  // Three policy checks per note per render add up on a thousand notes: once per author.
  const permissionsFor = useMemo(() => perAuthor(props.permissions), [props.permissions]);
  const cards = useElementCache();
  const chunker = useChunker();
  const gestures = useCanvasGestures(canvasRef, setViewport);
  const dnd = useCanvasDnd({
    canvasRef,
    viewport,
    notes,
    clusters,
    clusterById,
    positions,
    onSelect: actions.select,
    onDropNote: clusterActions.drop,
    onMoveCluster: clusterActions.move,
  });

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
    if (p && props.canAdd) props.onAddAt(p, clusterAt([...clusters], p)?.id ?? '');
  };

  const grid = GRID_SIZE * viewport.zoom;
  const compact = viewport.zoom < COMPACT_ZOOM;
  const shift = dnd.frameShift;
  const cardFor = (note: Note) => {
    const may = permissionsFor(note.author);
    const at = positions.get(note.id) ?? note.pos;
    // While a category is dragged, its notes follow it; the drop moves them all in one write.
    const follow = shift && shift.clusterId === note.clusterId ? shift : null;
    const cluster = clusterById.get(note.clusterId);
    const cardProps: NoteCardProps = {
      note,
      x: at.x + (follow?.x ?? 0),
      y: at.y + (follow?.y ?? 0),
      clusterName: cluster && !cluster.deleted ? cluster.name || t('cluster.untitled') : '',
      selected: note.id === selectedId,
      editing: note.id === editingId && may.edit,
      compact,
      actions,
      canEdit: may.edit,
      canMove: may.move,
      canDelete: may.remove,
      canModerate: props.canModerate,
      team: teamById.get(note.team),
      dimmed: props.teamFilter !== null && note.team !== props.teamFilter,
    };
    return cards.card(note.id, cardProps, (p) => <NoteCard key={note.id} {...p} />);
  };

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
      <NoteDragLayer
        className="board-layer"
        describedBy={noteInstructionsId}
        style={{ transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`, '--zoom': viewport.zoom } as CSSProperties}
      >
        {/* The notes stay outside DndContext (see NoteDragLayer); the categories are its draggables and drop targets. */}
        <DndContext autoScroll={false} {...dnd.context}>
          {/* Frames first: notes are drawn above every category, so none is ever hidden behind one. */}
          {!props.framing && clusters.map((c) => (
            <ClusterFrame
              key={c.id}
              cluster={c}
              counts={counts.get(c.id)}
              teams={props.teams}
              zoom={viewport.zoom}
              canWrite={props.canWriteCategories}
              hasOptions={props.hasClusterOptions}
              autoEdit={c.id === props.newClusterId}
              actions={clusterActions}
              onOptions={props.onClusterOptions}
              instructionsId={instructionsId}
            />
          ))}
          <NoteDragSource />
        </DndContext>
        {!props.framing && chunker.group(notes, noteId).map((chunk) => <NoteGroup key={chunk.key} notes={chunk.items.map(cardFor)} />)}
        {!props.framing && cards.prune(notes.length)}
        {props.drafts && <DraftLayer drafts={props.drafts} />}
      </NoteDragLayer>
      <p id={instructionsId} hidden>{t('dnd.clusterInstructions')}</p>
      <p id={noteInstructionsId} hidden>{t('dnd.instructions')}</p>
      {notes.length === 0 && clusters.length === 0 && !props.drafts?.drafts.length && props.canAdd && <p className="canvas-empty">{t(touchFirst ? 'board.emptyHintTouch' : 'board.emptyHint')}</p>}
      <Cursors peers={peers} viewport={viewport} />
    </div>
  );
}
