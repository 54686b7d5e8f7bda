import { useMemo, type ReactNode } from 'react';
import type { VotingSettings } from '../../shared/criteria.js';
import type { BoardId } from '../../shared/ids.js';
import type { Decision, RevealedResults } from '../../shared/meta.js';
import type { Phase } from '../../shared/phases.js';
import type { Team } from '../../shared/schema.js';
import type { ActionPlan } from '../../shared/plan.js';
import { ActionPlanPanel } from '../decision/ActionPlanPanel.js';
import { DecisionCard } from '../decision/DecisionCard.js';
import { ReportButton } from '../decision/ReportButton.js';
import type { ReportInput } from '../decision/report.js';
import { DecisionEditor, type DecisionOption } from '../decision/DecisionEditor.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { rankLabel, scoreFormat } from '../results/format.js';
import { Results } from '../results/Results.js';
import type { BoardContent } from '../sync/useBoardContent.js';
import { Ballot } from './Ballot.js';
import { allTargets, targetNames } from './targets.js';

interface Props {
  boardId: BoardId;
  token: string;
  phase: Phase;
  isFacilitator: boolean;
  voting: VotingSettings;
  results: RevealedResults | null;
  decision: Decision | null;
  plan: ActionPlan;
  /** What the session report needs besides this panel's own data (the facilitator's only). */
  reportHead: Pick<ReportInput, 'title' | 'problem' | 'anonymous'> | null;
  content: BoardContent;
  teams: readonly Team[];
  /** Why this person cannot vote now, or null. */
  blocked: string | null;
  /** The facilitator's voting controls (null for everyone else). */
  bar: ReactNode;
}

/**
 * The Vote, Decide and Plan phases' main view: the ballot while votes are hidden, the results
 * once revealed, and the decision, recorded by the facilitator, shown to everyone; in Plan, the
 * action plan above them.
 */
export function VotePanel(p: Props) {
  const { t, lang } = useI18n();
  const names = useMemo(() => targetNames(p.content), [p.content]);
  const deciding = p.phase === 'decide' || p.phase === 'plan';
  const options = useMemo<DecisionOption[]>(() => {
    if (p.results) {
      const fmt = scoreFormat(lang, p.results.mode);
      return p.results.ranking.map((r) => ({ id: r.target, name: names.get(r.target) || t('results.unnamed'), detail: `${rankLabel(r.rank, r.tied)} · ${fmt.format(r.overall)}` }));
    }
    return allTargets(p.content, p.voting).map((x) => ({ id: x.id, name: x.name || t('results.unnamed'), detail: '' }));
  }, [p.results, p.content, p.voting, names, lang, t]);

  return (
    <div className="vote-panel" data-testid="vote-panel">
      {p.bar}
      <div className="vote-panel-body">
        {p.phase === 'plan' && <ActionPlanPanel boardId={p.boardId} token={p.token} plan={p.plan} editable={p.isFacilitator} />}
        {p.phase === 'plan' && p.reportHead && (
          <ReportButton
            input={{ ...p.reportHead, teams: p.teams, content: p.content, names, criteria: p.voting.criteria, results: p.results, decision: p.decision, plan: p.plan }}
          />
        )}
        {p.decision && (
          <DecisionCard decision={p.decision} criteria={p.voting.criteria} names={names} results={p.results} />
        )}
        {deciding && p.isFacilitator && (
          <DecisionEditor boardId={p.boardId} token={p.token} options={options} criteria={p.voting.criteria} decision={p.decision} />
        )}
        {p.results ? (
          <Results results={p.results} criteria={p.voting.criteria} names={names} teams={p.teams} chosen={p.decision?.target ?? null} />
        ) : deciding ? (
          <p className="vote-panel-wait">{t('results.notYet')}</p>
        ) : p.isFacilitator ? (
          // Facilitators may take part, but mostly run the vote: their ballot is one click away, not in the way.
          <details className="own-ballot">
            <summary>{t('vote.facilitatorBallot')}</summary>
            <Ballot boardId={p.boardId} token={p.token} voting={p.voting} content={p.content} teams={p.teams} blocked={p.blocked} />
          </details>
        ) : (
          <Ballot boardId={p.boardId} token={p.token} voting={p.voting} content={p.content} teams={p.teams} blocked={p.blocked} />
        )}
      </div>
    </div>
  );
}
