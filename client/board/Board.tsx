import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { can, type Actor } from '../../shared/policy.js';
import { NOTE_HEIGHT, NOTE_WIDTH, type Point, type PresenceState } from '../../shared/schema.js';
import { loadAccess } from '../access/accessStore.js';
import type { Access } from '../access/claims.js';
import { describeRefusal, refusal } from '../access/reasons.js';
import { useSessionInfo } from '../access/useSessionInfo.js';
import { useIdentity } from '../identity/useIdentity.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { BoardProblem } from '../sync/closeProblems.js';
import type { Recovery } from '../sync/recovery.js';
import type { BoardSession } from '../sync/session.js';
import { useBoardMeta } from '../sync/useBoardMeta.js';
import { useConnection } from '../sync/useConnection.js';
import { useNotes } from '../sync/useNotes.js';
import { usePresence } from '../sync/usePresence.js';
import { useSaveState } from '../sync/useSaveState.js';
import { useUndo } from '../sync/useUndo.js';
import { BoardHeader } from './BoardHeader.js';
import { Canvas } from './Canvas.js';
import { Problem } from './Problem.js';
import { RecoveryNotice } from './RecoveryNotice.js';
import { StatusBar } from './StatusBar.js';
import { Toolbar } from './Toolbar.js';
import { useBoardActions } from './useBoardActions.js';
import { useBoardShortcuts } from './useBoardShortcuts.js';
import { useRename } from './useRename.js';
import { fitNotes, freeSpotNear, INITIAL_VIEWPORT, toBoard, zoomAround, ZOOM_STEP, type Viewport } from './viewport.js';

/** Below this zoom, note text is too small to edit comfortably. */
const READABLE_ZOOM = 0.75;
/** How often the facilitator's view asks who joined and what the code is (it can rotate). */
const SESSION_POLL_MS = 10_000;
/**
 * The camera per board for this page's lifetime. A new session (after a refused write) mounts a
 * new Board; the person should find the board where they were looking, not re-framed.
 */
const rememberedViewports = new Map<string, Viewport>();

interface Props {
  session: BoardSession;
  access: Access;
  onAccessChange: (a: Access) => void;
  problem: BoardProblem | null;
  /** Set when this session replaced one whose write the server refused. */
  recovery: Recovery | null;
}

export function Board({ session, access, onAccessChange, problem, recovery }: Props) {
  const { doc, provider, boardId } = session;
  const { t } = useI18n();
  const identity = useIdentity();
  const notes = useNotes(doc);
  const meta = useBoardMeta(doc);
  const undo = useUndo(session.undo);
  const connection = useConnection(provider);
  const save = useSaveState(session.save);
  const isFacilitator = access.role === 'facilitator';
  const liveSession = useSessionInfo(boardId, isFacilitator ? access.token : null, SESSION_POLL_MS);
  // Read once per token: what this device keeps beside it (the code joined with, the projector link).
  const stored = useMemo(() => loadAccess(boardId), [boardId, access.token]);
  const joinCode = isFacilitator ? (liveSession.info?.joinCode ?? null) : (stored?.joinCode ?? null);
  const [teamFilter, setTeamFilter] = useState<string | null>(null);
  const rename = useRename(boardId, access, onAccessChange, identity.setName);

  // The server overwrites user with what the token says; we publish the same so our own view agrees.
  const me = useMemo<PresenceState['user']>(
    () => ({ id: access.id, name: access.name, color: identity.color, role: access.role === 'facilitator' ? 'facilitator' : 'participant', team: access.team }),
    [access.id, access.name, access.role, access.team, identity.color],
  );
  const { peers, setCursor } = usePresence(provider.awareness, me);
  // The same predicates the server enforces: offer only what it will accept.
  const actor = useMemo<Actor>(() => ({ role: access.role, id: access.id, team: access.team }), [access.role, access.id, access.team]);
  const { actions, selectedId, editingId } = useBoardActions(doc, session.undo, actor, access.name);
  const rules = useMemo(() => ({ phase: meta.phase, locked: meta.locked }), [meta.phase, meta.locked]);
  const addRefusal = refusal(actor, rules, { kind: 'note.create', author: actor.id, team: actor.team });
  const canAdd = addRefusal === null;
  const permissions = useCallback(
    (author: string) => ({
      edit: can(actor, rules, { kind: 'note.edit', note: { author } }),
      move: can(actor, rules, { kind: 'note.move', note: { author } }),
      remove: can(actor, rules, { kind: 'note.delete', note: { author } }),
    }),
    [actor, rules],
  );
  // Undo replays our own earlier writes; once the phase closes them, replaying would be refused.
  const canReplay = actor.role === 'facilitator' || canAdd;
  useEffect(() => {
    // A step recorded under other rules (moving someone's note while clustering) may be
    // refused under the new ones, and a refused write costs the connection: start afresh.
    if (actor.role !== 'facilitator') session.undo.clear();
  }, [meta.phase, meta.locked, actor.role, session.undo]);

  const canvasRef = useRef<HTMLDivElement | null>(null);
  const [viewport, setViewportState] = useState<Viewport>(() => rememberedViewports.get(boardId) ?? INITIAL_VIEWPORT);
  useEffect(() => {
    rememberedViewports.set(boardId, viewport);
  }, [boardId, viewport]);
  // Once the person moves the camera or adds a note, the board never re-frames itself.
  const cameraSettled = useRef(rememberedViewports.has(boardId));
  const setViewport = useCallback((update: (v: Viewport) => Viewport) => {
    cameraSettled.current = true;
    setViewportState(update);
  }, []);

  const canvasSize = () => {
    const el = canvasRef.current;
    return { width: el?.clientWidth ?? 0, height: el?.clientHeight ?? 0 };
  };

  const fit = useCallback(() => {
    const { width, height } = canvasSize();
    setViewport(() => fitNotes(notes.map((n) => n.pos), width, height));
  }, [notes, setViewport]);

  useEffect(() => {
    // Opening a board that already has notes: frame them, so a phone does not land on an empty corner.
    if (cameraSettled.current || notes.length === 0) return;
    const { width, height } = canvasSize();
    setViewportState(fitNotes(notes.map((n) => n.pos), width, height));
    cameraSettled.current = true;
  }, [notes]);

  useEffect(() => {
    // Typing into a note shown at 40% is guesswork (phones fit whole boards): bring it to reading size.
    if (!editingId || viewport.zoom >= READABLE_ZOOM) return;
    const note = notes.find((n) => n.id === editingId);
    if (!note) return;
    const { width, height } = canvasSize();
    setViewport(() => ({
      zoom: 1,
      x: width / 2 - (note.pos.x + NOTE_WIDTH / 2),
      // Upper third: an on-screen keyboard takes the bottom half of a phone.
      y: height / 3 - (note.pos.y + NOTE_HEIGHT / 2),
    }));
    // Only when editing starts, not on every camera move while editing.
  }, [editingId]);

  useEffect(() => {
    document.title = `${meta.title || t('board.untitled')} · ${t('app.name')}`;
  }, [meta.title, t]);

  const addInView = useCallback(() => {
    if (!canAdd) return;
    const { width, height } = canvasSize();
    cameraSettled.current = true;
    const center = toBoard(viewport, { x: width / 2, y: height / 2 });
    actions.addAt(freeSpotNear(center, notes.map((n) => n.pos)));
  }, [canAdd, viewport, notes, actions]);

  const addAt = useCallback(
    (p: Point) => {
      if (!canAdd) return;
      cameraSettled.current = true;
      actions.addAt({ x: p.x - NOTE_WIDTH / 2, y: p.y - NOTE_HEIGHT / 2 });
    },
    [canAdd, actions],
  );

  const zoomBy = (factor: number) => {
    const { width, height } = canvasSize();
    setViewport((v) => zoomAround(v, v.zoom * factor, { x: width / 2, y: height / 2 }));
  };

  const doUndo = canReplay ? undo.undo : () => undefined;
  const doRedo = canReplay ? undo.redo : () => undefined;
  useBoardShortcuts({ addNote: addInView, undo: doUndo, redo: doRedo });

  const notice = addRefusal && actor.role === 'participant' ? describeRefusal(addRefusal, t) : null;
  // A filter naming a team that was since removed shows every note rather than none.
  const activeFilter = teamFilter && meta.teams.some((tm) => tm.id === teamFilter) ? teamFilter : null;

  return (
    <div className="board-page">
      <BoardHeader
        boardId={boardId}
        title={meta.title}
        phase={meta.phase}
        locked={meta.locked}
        teams={meta.teams}
        facilitator={isFacilitator ? { token: access.token, projectorToken: stored?.projectorToken ?? null, session: liveSession } : null}
        joinCode={joinCode}
        me={me}
        peers={peers}
        onRename={rename}
      />
      {problem && <Problem problem={problem} variant="banner" />}
      {recovery && <RecoveryNotice recovery={recovery} />}
      <main className="board-main">
        <Canvas
          canvasRef={canvasRef}
          notes={notes}
          peers={peers}
          viewport={viewport}
          setViewport={setViewport}
          selectedId={selectedId}
          editingId={editingId}
          actions={actions}
          permissions={permissions}
          teams={meta.teams}
          teamFilter={activeFilter}
          canAdd={canAdd}
          onAddAt={addAt}
          onMoveNote={actions.move}
          onBackgroundPress={actions.clearSelection}
          onCursor={setCursor}
        />
        <Toolbar
          zoom={viewport.zoom}
          canAdd={canAdd}
          addBlockedReason={notice}
          teams={meta.teams}
          teamFilter={activeFilter}
          onTeamFilter={setTeamFilter}
          canUndo={canReplay && undo.canUndo}
          canRedo={canReplay && undo.canRedo}
          onAddNote={addInView}
          onUndo={doUndo}
          onRedo={doRedo}
          onZoomIn={() => zoomBy(ZOOM_STEP)}
          onZoomOut={() => zoomBy(1 / ZOOM_STEP)}
          onZoomReset={() => zoomBy(1 / viewport.zoom)}
          onFit={fit}
        />
      </main>
      <StatusBar connection={connection} save={save} noteCount={notes.length} notice={notice} />
    </div>
  );
}
