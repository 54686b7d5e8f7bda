import { useCallback, useEffect, useMemo, useState } from 'react';
import { clusterAt } from '../../shared/clusters.js';
import type { Actor } from '../../shared/policy.js';
import { NOTE_HEIGHT, NOTE_WIDTH, type Point, type PresenceState } from '../../shared/schema.js';
import { loadAccess } from '../access/accessStore.js';
import type { Access } from '../access/claims.js';
import { describeRefusal } from '../access/reasons.js';
import { useSessionInfo } from '../access/useSessionInfo.js';
import { ClusterDialogs } from '../clusters/ClusterDialogs.js';
import { Outline } from '../clusters/Outline.js';
import { useClusterActions } from '../clusters/useClusterActions.js';
import { useIdentity } from '../identity/useIdentity.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { BoardProblem } from '../sync/closeProblems.js';
import type { Recovery } from '../sync/recovery.js';
import type { BoardSession } from '../sync/session.js';
import { boardPos, useBoardContent } from '../sync/useBoardContent.js';
import { useBoardMeta } from '../sync/useBoardMeta.js';
import { useConnection } from '../sync/useConnection.js';
import { usePresence } from '../sync/usePresence.js';
import { useSaveState } from '../sync/useSaveState.js';
import { useUndo } from '../sync/useUndo.js';
import { useAnnouncer } from '../ui/useAnnouncer.js';
import { BoardHeader } from './BoardHeader.js';
import { Canvas } from './Canvas.js';
import { Problem } from './Problem.js';
import { RecoveryNotice } from './RecoveryNotice.js';
import { StatusBar } from './StatusBar.js';
import { Toolbar, type BoardView } from './Toolbar.js';
import { useBoardActions } from './useBoardActions.js';
import { useBoardCamera } from './useBoardCamera.js';
import { useBoardPermissions } from './useBoardPermissions.js';
import { useBoardShortcuts } from './useBoardShortcuts.js';
import { useRename } from './useRename.js';
import { freeSpotNear, ZOOM_STEP } from './viewport.js';

/** How often the facilitator's view asks who joined and what the code is (it can rotate). */
const SESSION_POLL_MS = 10_000;

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
  const content = useBoardContent(doc);
  const { notes, clusters, clusterById } = content;
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
  const { region, announce } = useAnnouncer();

  // The server overwrites user with what the token says; we publish the same so our own view agrees.
  const me = useMemo<PresenceState['user']>(
    () => ({ id: access.id, name: access.name, color: identity.color, role: access.role === 'facilitator' ? 'facilitator' : 'participant', team: access.team }),
    [access.id, access.name, access.role, access.team, identity.color],
  );
  const { peers, setCursor } = usePresence(provider.awareness, me);
  // The same predicates the server enforces: offer only what it will accept.
  const actor = useMemo<Actor>(() => ({ role: access.role, id: access.id, team: access.team }), [access.role, access.id, access.team]);
  const { actions, selectedId, editingId, moveToId } = useBoardActions(doc, session.undo, actor, access.name);
  const clusterActions = useClusterActions(doc, session.undo, actor);
  const rules = useMemo(() => ({ phase: meta.phase, locked: meta.locked }), [meta.phase, meta.locked]);
  const may = useBoardPermissions(actor, rules);
  const { canAdd, canReplay } = may;
  useEffect(() => {
    // A step recorded under other rules (moving someone's note while clustering) may be
    // refused under the new ones, and a refused write costs the connection: start afresh.
    if (actor.role !== 'facilitator') session.undo.clear();
  }, [meta.phase, meta.locked, actor.role, session.undo]);

  const [view, setViewState] = useState<BoardView>('board');
  const [newClusterId, setNewClusterId] = useState<string | null>(null);
  const [optionsFor, setOptionsFor] = useState<string | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const camera = useBoardCamera(boardId, content, editingId, view === 'board');
  const setView = (next: BoardView) => {
    // A category's name field opens once, where it was made; not again when the view comes back.
    setNewClusterId(null);
    setViewState(next);
  };

  useEffect(() => {
    document.title = `${meta.title || t('board.untitled')} · ${t('app.name')}`;
  }, [meta.title, t]);

  const addInView = useCallback(() => {
    if (!canAdd || view !== 'board') return;
    const center = camera.center();
    const spot = freeSpotNear(center, notes.map((n) => boardPos(n, clusterById)));
    const into = clusterAt([...clusters], { x: spot.x + NOTE_WIDTH / 2, y: spot.y + NOTE_HEIGHT / 2 });
    actions.addAt(spot, into?.id ?? '');
  }, [canAdd, view, camera, notes, clusters, clusterById, actions]);

  const addAt = useCallback(
    (p: Point, clusterId: string) => {
      if (!canAdd) return;
      camera.settle();
      actions.addAt({ x: p.x - NOTE_WIDTH / 2, y: p.y - NOTE_HEIGHT / 2 }, clusterId);
    },
    [canAdd, camera, actions],
  );

  const addCluster = () => {
    const id = clusterActions.create(camera.center());
    if (id) setNewClusterId(id);
  };

  const doUndo = canReplay ? undo.undo : () => undefined;
  const doRedo = canReplay ? undo.redo : () => undefined;
  useBoardShortcuts({ addNote: addInView, undo: doUndo, redo: doRedo });

  const notice = may.addRefusal && actor.role === 'participant' ? describeRefusal(may.addRefusal, t) : null;
  // A filter naming a team that was since removed shows every note rather than none.
  const activeFilter = teamFilter && meta.teams.some((tm) => tm.id === teamFilter) ? teamFilter : null;

  return (
    <div className="board-page">
      <BoardHeader
        boardId={boardId}
        title={meta.title}
        problem={meta.problem}
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
      <main className="board-main" data-view={view}>
        {view === 'board' ? (
          <Canvas
            canvasRef={camera.canvasRef}
            content={content}
            peers={peers}
            viewport={camera.viewport}
            setViewport={camera.setViewport}
            selectedId={selectedId}
            editingId={editingId}
            actions={actions}
            clusterActions={clusterActions}
            permissions={may.note}
            canWriteCategories={may.canWriteCategories}
            hasClusterOptions={may.canWriteCategories || may.canRemoveCategories}
            newClusterId={newClusterId}
            onClusterOptions={setOptionsFor}
            teams={meta.teams}
            teamFilter={activeFilter}
            canAdd={canAdd}
            onAddAt={addAt}
            onBackgroundPress={actions.clearSelection}
            onCursor={setCursor}
          />
        ) : (
          <Outline
            content={content}
            teams={meta.teams}
            canWrite={may.canWriteCategories}
            canMove={may.canMoveNote}
            actions={clusterActions}
            onMoveTo={actions.openMoveTo}
            announce={announce}
          />
        )}
        <Toolbar
          view={view}
          onView={setView}
          zoom={camera.viewport.zoom}
          canAdd={canAdd}
          addBlockedReason={notice}
          teams={meta.teams}
          teamFilter={activeFilter}
          onTeamFilter={setTeamFilter}
          canUndo={canReplay && undo.canUndo}
          canRedo={canReplay && undo.canRedo}
          onAddNote={addInView}
          onAddCluster={may.canWriteCategories ? addCluster : null}
          onSuggest={isFacilitator ? () => setSuggesting(true) : null}
          onUndo={doUndo}
          onRedo={doRedo}
          onZoomIn={() => camera.zoomBy(ZOOM_STEP)}
          onZoomOut={() => camera.zoomBy(1 / ZOOM_STEP)}
          onZoomReset={() => camera.zoomBy(1 / camera.viewport.zoom)}
          onFit={camera.fit}
        />
      </main>
      <StatusBar connection={connection} save={save} noteCount={notes.length} notice={notice} />
      <ClusterDialogs
        content={content}
        actions={clusterActions}
        canWrite={may.canWriteCategories}
        canRemove={may.canRemoveCategories}
        moveToId={moveToId}
        onCloseMoveTo={actions.closeMoveTo}
        optionsFor={optionsFor}
        onCloseOptions={() => setOptionsFor(null)}
        suggesting={suggesting}
        onCloseSuggest={() => setSuggesting(false)}
        onAccepted={() => camera.fitAfterChange()}
        announce={announce}
      />
      {region}
    </div>
  );
}
