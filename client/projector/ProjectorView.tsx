import { useEffect, useMemo } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { formatJoinCode } from '../../shared/joincode.js';
import type { Access } from '../access/claims.js';
import { useSessionInfo } from '../access/useSessionInfo.js';
import { useSharedView } from '../follow/useSharedView.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { ProjectorSession } from '../sync/projectorSession.js';
import { useBoardContent } from '../sync/useBoardContent.js';
import { useBoardMeta } from '../sync/useBoardMeta.js';
import { useConnection } from '../sync/useConnection.js';
import { useModes } from '../sync/useModes.js';
import { withoutHidden } from '../sync/withoutHidden.js';
import { useSoundPreference } from '../timer/chime.js';
import { TimerDisplay } from '../timer/TimerDisplay.js';
import { useTimerSeconds, useTimerState } from '../timer/useTimer.js';
import { LockIcon } from '../ui/icons.js';
import { SoundIcon } from '../ui/sessionIcons.js';
import { targetNames } from '../voting/targets.js';
import { useDecision, usePlan, useResults, useVotingSettings } from '../voting/useVotingMeta.js';
import { isEmptyPlan } from '../../shared/plan.js';
import { PlanView } from '../decision/ActionPlanPanel.js';
import { DecisionCard } from '../decision/DecisionCard.js';
import { ProjectorBanner } from './ProjectorBanner.js';
import { ProjectorFrameIntro } from './ProjectorFrameIntro.js';
import { ProjectorJoin } from './ProjectorJoin.js';
import { ProjectorNotes } from './ProjectorNotes.js';
import { ProjectorResults } from './ProjectorResults.js';
import { usePeopleCount } from './usePeopleCount.js';

/** The join code can rotate at any time; the room should see the new one within this long. */
const CODE_POLL_MS = 15_000;

interface Props {
  boardId: BoardId;
  access: Access;
  session: ProjectorSession;
}

/**
 * The board for a room: read from across it at 1920×1080, so large type and strong contrast,
 * and nothing to click (but the sound switch). What it shows follows the phase: the criteria
 * while framing, the live board (or the facilitator's view) while working, the results once
 * revealed, and the decision once recorded.
 */
export function ProjectorView({ boardId, access, session }: Props) {
  const { t, tn } = useI18n();
  const meta = useBoardMeta(session.doc);
  const modes = useModes(session.doc);
  const voting = useVotingSettings(session.doc);
  const results = useResults(session.doc);
  const decision = useDecision(session.doc);
  const plan = usePlan(session.doc);
  const timer = useTimerSeconds(useTimerState(session.doc));
  const [sound, setSound] = useSoundPreference();
  // Hidden notes never reach the room; the document still has them for the facilitator.
  const all = useBoardContent(session.doc);
  const content = useMemo(() => withoutHidden(all), [all]);
  const names = useMemo(() => targetNames(content), [content]);
  const connection = useConnection(session.provider);
  const people = usePeopleCount(session.provider.awareness);
  const follow = useSharedView(session.provider.awareness, modes.followMe);
  const { info } = useSessionInfo(boardId, access.token, CODE_POLL_MS);
  const title = meta.title || t('board.untitled');
  const { phase } = meta;
  // In Plan, once the facilitator has written some of the plan, the room sees it (with the decision).
  const showPlan = phase === 'plan' && !isEmptyPlan(plan);
  const showResults = !showPlan && ((results !== null && phase !== 'frame' && phase !== 'brainstorm' && phase !== 'cluster') || (decision !== null && (phase === 'decide' || phase === 'plan')));

  useEffect(() => {
    document.title = `${title} · ${t('role.projector')} · ${t('app.name')}`;
  }, [title, t]);

  return (
    <div className="projector" data-testid="projector" data-phase={phase} data-results={showResults || undefined}>
      <header className="projector-header">
        <div className="projector-heading">
          <h1 className="projector-title" data-testid="board-title">{title}</h1>
          {meta.problem && <p className="projector-problem" data-testid="problem-of-practice">{meta.problem}</p>}
        </div>
        <div className="projector-status">
          <p className="projector-phase" data-testid="phase" data-phase={phase}>
            <span className="projector-phase-label">{t('phase.label')}</span>
            <strong>{t(`phase.${phase}`)}</strong>
          </p>
          <TimerDisplay view={timer} variant="projector" sound={sound} />
          {meta.locked && (
            <p className="projector-locked" data-testid="locked-indicator">
              <LockIcon />
              {t('lock.badge')}
            </p>
          )}
        </div>
      </header>
      <main className={showResults || showPlan ? 'projector-main is-results' : 'projector-main'}>
        {showPlan ? (
          <div className="projector-plan" data-testid="projector-plan">
            {decision && <DecisionCard decision={decision} criteria={voting.criteria} names={names} results={null} size="projector" />}
            <PlanView plan={plan} />
          </div>
        ) : showResults ? (
          <ProjectorResults results={results} decision={decision} criteria={voting.criteria} names={names} teams={meta.teams} />
        ) : (
          <div className="projector-stage">
            {phase !== 'frame' && <ProjectorBanner phase={phase} modes={modes} voting={voting} following={follow !== null} />}
            {phase === 'frame' ? <ProjectorFrameIntro criteria={voting.criteria} teams={meta.teams} /> : <ProjectorNotes content={content} teams={meta.teams} follow={follow} />}
          </div>
        )}
        {!showResults && !showPlan && <ProjectorJoin joinCode={info?.joinCode ?? null} joinUrl={info?.joinUrl ?? null} />}
      </main>
      <footer className="projector-footer">
        <span>{tn('board.noteCount', content.notes.length)}</span>
        <span>{tn('presence.count', people)}</span>
        {(showResults || showPlan) && info?.joinCode && (
          <span className="projector-footer-code">
            {t('projector.joinCode')} <strong>{formatJoinCode(info.joinCode)}</strong>
          </span>
        )}
        {meta.teams.length > 0 && (
          <span className="projector-teams">
            {meta.teams.map((tm) => (
              <span key={tm.id} className="projector-team">
                <span className="team-swatch" style={{ backgroundColor: tm.color }} aria-hidden="true" />
                {tm.name}
              </span>
            ))}
          </span>
        )}
        {/* A projector that lost its connection shows a frozen board; the room should know. */}
        <span className="projector-conn" data-testid="connection-status" data-status={connection.status} role="status">
          {connection.status !== 'connected' && (connection.wasConnected ? t('conn.reconnecting') : t('conn.connecting'))}
        </span>
        <button type="button" className="projector-sound" data-testid="timer-sound" aria-pressed={sound} aria-label={t('timer.sound')} title={sound ? t('timer.soundOn') : t('timer.soundOff')} onClick={() => setSound(!sound)}>
          <SoundIcon on={sound} />
        </button>
      </footer>
    </div>
  );
}
