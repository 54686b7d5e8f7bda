import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { clusterAt } from '../../shared/clusters.js';
import { decide, type Actor, type BoardRules } from '../../shared/policy.js';
import { NOTE_HEIGHT, NOTE_WIDTH, type Point, type PresenceState } from '../../shared/schema.js';
import { loadAccess } from '../access/accessStore.js';
import type { Access } from '../access/claims.js';
import { describeRefusal, refusal } from '../access/reasons.js';
import { useSessionInfo } from '../access/useSessionInfo.js';
import { ClusterDialogs } from '../clusters/ClusterDialogs.js';
import { Outline } from '../clusters/Outline.js';
import { useClusterActions } from '../clusters/useClusterActions.js';
import { clusterRect } from '../clusters/placement.js';
import { useDrafts } from '../drafts/useDrafts.js';
import { FacilitatorBar } from '../facilitate/FacilitatorBar.js';
import { FollowBanner } from '../follow/FollowBanner.js';
import { useIdentity } from '../identity/useIdentity.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { BoardProblem } from '../sync/closeProblems.js';
import type { Recovery } from '../sync/recovery.js';
import type { BoardSession } from '../sync/session.js';
import { boardPos, useBoardContent } from '../sync/useBoardContent.js';
import { useBoardMeta } from '../sync/useBoardMeta.js';
import { useConnection } from '../sync/useConnection.js';
import { useModes } from '../sync/useModes.js';
import { usePeopleByTeam } from '../sync/usePeopleByTeam.js';
import { usePresence } from '../sync/usePresence.js';
import { useSaveState } from '../sync/useSaveState.js';
import { useUndo } from '../sync/useUndo.js';
import { withoutHidden } from '../sync/withoutHidden.js';
import { useSoundPreference } from '../timer/chime.js';
import { TimerDisplay } from '../timer/TimerDisplay.js';
import { useTimerSeconds, useTimerState } from '../timer/useTimer.js';
import { useAnnouncer } from '../ui/useAnnouncer.js';
import { useDecision, usePlan, useResults, useVotingSettings } from '../voting/useVotingMeta.js';
import { BoardHeader } from './BoardHeader.js';
import { Canvas } from './Canvas.js';
import { PhaseHint } from './PhaseHint.js';
import { PhasePanel } from './PhasePanel.js';
import { Problem } from './Problem.js';
import { RecoveryNotice } from './RecoveryNotice.js';
import { StatusBar } from './StatusBar.js';
import { Toolbar } from './Toolbar.js';
import { useBoardActions } from './useBoardActions.js';
import { useBoardCamera } from './useBoardCamera.js';
import { useBoardPermissions } from './useBoardPermissions.js';
import { useBoardShortcuts } from './useBoardShortcuts.js';
import { useFollowCamera } from './useFollowCamera.js';
import { hasPanel, usePhaseView, type BoardView } from './usePhaseView.js';
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
  const { t, tn } = useI18n();
  const identity = useIdentity();
  const isFacilitator = access.role === 'facilitator';
  const allContent = useBoardContent(doc);
  // Notes the facilitator hid: dimmed for the facilitator, absent for everyone else.
  const content = useMemo(() => (isFacilitator ? allContent : withoutHidden(allContent)), [isFacilitator, allContent]);
  const { notes, clusters, clusterById } = content;
  const meta = useBoardMeta(doc);
  const modes = useModes(doc);
  const voting = useVotingSettings(doc);
  const results = useResults(doc);
  const decision = useDecision(doc);
  const plan = usePlan(doc);
  const timer = useTimerSeconds(useTimerState(doc));
  const [sound, setSound] = useSoundPreference();
  const undo = useUndo(session.undo);
  const connection = useConnection(provider);
  const save = useSaveState(session.save);
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
  useEffect(() => {
    // Switching anonymity, the server drops everyone's presence (ids change between real and
    // aliased): announce ourselves again now rather than at the 15 s renewal.
    const state = provider.awareness.getLocalState();
    if (state) provider.awareness.setLocalState({ ...state });
  }, [modes.anonymous, provider]);
  // The same predicates the server enforces: offer only what it will accept.
  const actor = useMemo<Actor>(() => ({ role: access.role, id: access.id, team: access.team }), [access.role, access.id, access.team]);
  const { actions, selectedId, editingId, moveToId } = useBoardActions(doc, session.undo, actor, access.name);
  const clusterActions = useClusterActions(doc, session.undo, actor);
  const rules = useMemo<BoardRules>(
    () => ({ phase: meta.phase, locked: meta.locked, silent: modes.silent, anonymous: modes.anonymous }),
    [meta.phase, meta.locked, modes.silent, modes.anonymous],
  );
  const may = useBoardPermissions(actor, rules);
  const { canReplay } = may;
  // Silent brainstorm: a note refused only because the room is silent becomes a draft on this device.
  const draftMode = actor.role === 'participant' && modes.silent && decide(actor, { ...rules, silent: false }, { kind: 'note.create', author: actor.id, team: actor.team }).ok;
  const drafts = useDrafts(session, access, modes.silent);
  const canAdd = may.canAdd || draftMode;
  useEffect(() => {
    // A step recorded under other rules (moving someone's note while clustering) may be
    // refused under the new ones, and a refused write costs the connection: start afresh.
    if (actor.role !== 'facilitator') session.undo.clear();
  }, [meta.phase, meta.locked, modes.silent, actor.role, session.undo]);

  const [view, setViewState] = usePhaseView(meta.phase);
  const [newClusterId, setNewClusterId] = useState<string | null>(null);
  const [optionsFor, setOptionsFor] = useState<string | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const camera = useBoardCamera(boardId, content, editingId, view === 'board');
  const setView = useCallback((next: BoardView) => {
    // A category's name field opens once, where it was made; not again when the view comes back.
    setNewClusterId(null);
    setViewState(next);
  }, [setViewState]);
  const { follow, setViewportByUser, byUser } = useFollowCamera(provider.awareness, modes.followMe, isFacilitator, camera, view === 'board', () => setView('board'));

  useEffect(() => {
    document.title = `${meta.title || t('board.untitled')} · ${t('app.name')}`;
  }, [meta.title, t]);

  const post = useCallback(
    (topLeft: Point, clusterId: string) => (draftMode ? drafts.add(topLeft, clusterId) : actions.addAt(topLeft, clusterId)),
    [draftMode, drafts, actions],
  );

  const addInView = useCallback(() => {
    if (!canAdd || view !== 'board') return;
    const center = camera.center();
    const spot = freeSpotNear(center, [...notes.map((n) => boardPos(n, clusterById)), ...drafts.drafts.map((d) => d.pos)]);
    const into = clusterAt([...clusters], { x: spot.x + NOTE_WIDTH / 2, y: spot.y + NOTE_HEIGHT / 2 });
    post(spot, into?.id ?? '');
  }, [canAdd, view, camera, notes, clusters, clusterById, drafts.drafts, post]);

  const addAt = useCallback(
    (p: Point, clusterId: string) => {
      if (!canAdd) return;
      camera.settle();
      post({ x: p.x - NOTE_WIDTH / 2, y: p.y - NOTE_HEIGHT / 2 }, clusterId);
    },
    [canAdd, camera, post],
  );

  const addCluster = () => {
    const id = clusterActions.create(camera.center());
    if (id) setNewClusterId(id);
  };
  // A new category is placed clear of the others, which may be off screen: show it once it is drawn.
  const shownCluster = useRef<string | null>(null);
  const newCluster = newClusterId ? clusterById.get(newClusterId) : undefined;
  useEffect(() => {
    if (!newCluster || shownCluster.current === newCluster.id) return;
    shownCluster.current = newCluster.id;
    camera.show(clusterRect(newCluster));
  }, [newCluster, camera]);

  const doUndo = canReplay ? undo.undo : () => undefined;
  const doRedo = canReplay ? undo.redo : () => undefined;
  useBoardShortcuts({ addNote: addInView, undo: doUndo, redo: doRedo });

  const blocked = may.addRefusal && actor.role === 'participant' && !draftMode ? describeRefusal(may.addRefusal, t) : null;
  // Why notes cannot be added matters only where notes are added: on the board.
  const notice = draftMode ? tn('draft.notice', drafts.drafts.length) : view === 'board' ? blocked : null;
  const voteRefusal = refusal(actor, rules, { kind: 'vote' });
  // A filter naming a team that was since removed shows every note rather than none.
  const activeFilter = teamFilter && meta.teams.some((tm) => tm.id === teamFilter) ? teamFilter : null;
  const here = usePeopleByTeam(peers);
  const panelLabel = hasPanel(meta.phase) ? t(meta.phase === 'frame' ? 'view.panelFrame' : results ? 'view.panelResults' : 'view.panelVote') : null;

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
        timer={isFacilitator ? null : <TimerDisplay view={timer} variant="header" sound={sound} />}
        anonymous={modes.anonymous}
      />
      {isFacilitator ? (
        <FacilitatorBar boardId={boardId} token={access.token} phase={meta.phase} locked={meta.locked} modes={modes} voting={voting.status} timer={timer} teams={meta.teams} sound={sound} onSound={setSound} />
      ) : (
        <PhaseHint phase={meta.phase} facilitator={false} modes={modes} locked={meta.locked} voting={voting.status} />
      )}
      {problem && <Problem problem={problem} variant="banner" />}
      {recovery && <RecoveryNotice recovery={recovery} />}
      <main className="board-main" data-view={view}>
        {view === 'board' && (
          <Canvas
            canvasRef={camera.canvasRef}
            framing={camera.framing}
            content={content}
            peers={peers}
            viewport={camera.viewport}
            setViewport={setViewportByUser}
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
            canModerate={isFacilitator}
            drafts={draftMode || drafts.drafts.length > 0 ? drafts : null}
          />
        )}
        {view === 'outline' && (
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
        {view === 'panel' && (
          // Keyed so a new phase, or results arriving, starts at the top of the panel.
          <PhasePanel key={`${meta.phase}:${results?.round ?? 0}`} boardId={boardId} access={access} meta={meta} modes={modes} voting={voting} results={results} decision={decision} plan={plan} content={content} here={here} voteBlocked={voteRefusal ? describeRefusal(voteRefusal, t) : null} />
        )}
        {view === 'board' && <FollowBanner follow={follow} />}
        <Toolbar
          view={view}
          onView={setView}
          zoom={camera.viewport.zoom}
          canAdd={canAdd}
          addBlockedReason={blocked}
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
          onZoomIn={byUser(() => camera.zoomBy(ZOOM_STEP))}
          onZoomOut={byUser(() => camera.zoomBy(1 / ZOOM_STEP))}
          onZoomReset={byUser(() => camera.zoomBy(1 / camera.viewport.zoom))}
          onFit={byUser(camera.fit)}
          panelLabel={panelLabel}
        />
      </main>
      <StatusBar connection={connection} save={save} noteCount={notes.length} notice={notice} canAdd={canAdd && view === 'board'} />
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
