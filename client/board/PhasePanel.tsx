import { useState } from 'react';
import type { VotingSettings } from '../../shared/criteria.js';
import type { BoardId } from '../../shared/ids.js';
import type { Decision, RevealedResults } from '../../shared/meta.js';
import type { ActionPlan } from '../../shared/plan.js';
import type { Access } from '../access/claims.js';
import { CriteriaEditor } from '../facilitate/CriteriaEditor.js';
import { FrameSetup } from '../facilitate/FrameSetup.js';
import { VotingBar } from '../facilitate/VotingBar.js';
import type { BoardContent } from '../sync/useBoardContent.js';
import type { BoardMetaView } from '../sync/useBoardMeta.js';
import type { Modes } from '../sync/useModes.js';
import { ballotTargets } from '../voting/targets.js';
import { VotePanel } from '../voting/VotePanel.js';
import { FrameOverview } from './FrameOverview.js';

interface Props {
  boardId: BoardId;
  access: Access;
  meta: BoardMetaView;
  modes: Modes;
  voting: VotingSettings;
  results: RevealedResults | null;
  decision: Decision | null;
  plan: ActionPlan;
  content: BoardContent;
  /** Participants on the board now, per team (for "N of M finished"). */
  here: ReadonlyMap<string, number>;
  /** Why this person cannot vote now, or null. */
  voteBlocked: string | null;
}

/** The current phase's own screen: Frame setup (or its overview), and the vote, results and decision. */
export function PhasePanel(p: Props) {
  const [editingCriteria, setEditingCriteria] = useState(false);
  const facilitator = p.access.role === 'facilitator';
  const { phase } = p.meta;

  if (phase === 'frame') {
    return (
      <div className="phase-panel" data-testid="phase-panel" data-phase={phase}>
        {facilitator ? (
          <FrameSetup boardId={p.boardId} token={p.access.token} title={p.meta.title} problem={p.meta.problem} teams={p.meta.teams} voting={p.voting} modes={p.modes} />
        ) : (
          <FrameOverview title={p.meta.title} problem={p.meta.problem} teams={p.meta.teams} criteria={p.voting.criteria} />
        )}
      </div>
    );
  }

  const bar = facilitator ? (
    <VotingBar
      boardId={p.boardId}
      token={p.access.token}
      voting={p.voting}
      teams={p.meta.teams}
      here={p.here}
      targetCount={ballotTargets(p.content, p.voting).length}
      onEditCriteria={() => setEditingCriteria(true)}
    />
  ) : null;

  return (
    <div className="phase-panel" data-testid="phase-panel" data-phase={phase}>
      <VotePanel
        boardId={p.boardId}
        token={p.access.token}
        phase={phase}
        isFacilitator={facilitator}
        voting={p.voting}
        results={p.results}
        decision={p.decision}
        plan={p.plan}
        reportHead={facilitator ? { title: p.meta.title, problem: p.meta.problem, anonymous: p.modes.anonymous } : null}
        content={p.content}
        teams={p.meta.teams}
        blocked={p.voteBlocked}
        bar={bar}
      />
      {editingCriteria && facilitator && (
        <CriteriaEditor boardId={p.boardId} token={p.access.token} voting={p.voting} onClose={() => setEditingCriteria(false)} />
      )}
    </div>
  );
}
