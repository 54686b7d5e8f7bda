import type { VotingStatus } from '../../shared/criteria.js';
import type { BoardId } from '../../shared/ids.js';
import type { Phase } from '../../shared/phases.js';
import type { Team } from '../../shared/schema.js';
import { PhaseHint } from '../board/PhaseHint.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { TimerControls } from '../timer/TimerControls.js';
import { TimerDisplay } from '../timer/TimerDisplay.js';
import type { TimerView } from '../timer/useTimer.js';
import type { Modes } from '../sync/useModes.js';
import { ModeToggles } from './ModeToggles.js';
import { PhaseBar } from './PhaseBar.js';
import { SilentPanel } from './SilentPanel.js';

interface Props {
  boardId: BoardId;
  token: string;
  phase: Phase;
  locked: boolean;
  modes: Modes;
  voting: VotingStatus;
  timer: TimerView;
  teams: readonly Team[];
  sound: boolean;
  onSound: (on: boolean) => void;
}

/** Running the session, under the header: phases, timer, modes, and the silent brainstorm's counts. */
export function FacilitatorBar(p: Props) {
  const { t } = useI18n();
  return (
    <div className="facilitator-bar" role="region" aria-label={t('facilitatorBar.label')}>
      <div className="facilitator-bar-row">
        <PhaseBar boardId={p.boardId} token={p.token} phase={p.phase} />
        <div className="facilitator-bar-end">
          <span className="facilitator-timer">
            <TimerDisplay view={p.timer} variant="bar" sound={p.sound} />
            <TimerControls key={p.timer.timer?.durationMs ?? 0} boardId={p.boardId} token={p.token} timer={p.timer.timer} running={p.timer.running} sound={p.sound} onSound={p.onSound} />
          </span>
          <ModeToggles boardId={p.boardId} token={p.token} modes={p.modes} />
        </div>
      </div>
      <PhaseHint phase={p.phase} facilitator modes={p.modes} locked={p.locked} voting={p.voting} />
      {/* Drafts are written in the phases that take notes; in the others the mode waits, shown as a chip. */}
      {p.modes.silent && (p.phase === 'brainstorm' || p.phase === 'cluster') && <SilentPanel boardId={p.boardId} token={p.token} teams={p.teams} anonymous={p.modes.anonymous} />}
    </div>
  );
}
