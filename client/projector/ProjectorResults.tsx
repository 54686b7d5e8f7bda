import type { Criterion } from '../../shared/criteria.js';
import type { Decision, RevealedResults } from '../../shared/meta.js';
import type { Team } from '../../shared/schema.js';
import { DecisionCard } from '../decision/DecisionCard.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { resultCriteria } from '../results/format.js';
import { Heatmap } from '../results/Heatmap.js';
import { Participation } from '../results/Participation.js';
import { Ranking } from '../results/Ranking.js';
import { TeamTops } from '../results/TeamTops.js';

/** Rows of the ranking a room can read at once; the heat map beside it has them all. */
const PROJECTOR_RANK_ROWS = 8;

interface Props {
  results: RevealedResults | null;
  decision: Decision | null;
  criteria: readonly Criterion[];
  names: ReadonlyMap<string, string>;
  teams: readonly Team[];
}

/**
 * Results for the room: the ranking large on the left, the heat map and the team breakdown on
 * the right; once the facilitator records the decision, it leads, with the ranking beside it.
 */
export function ProjectorResults({ results, decision, criteria, names, teams }: Props) {
  const { t } = useI18n();
  const nameOf = (id: string) => names.get(id) || t('results.unnamed');
  if (!results) {
    return decision ? (
      <div className="projector-results is-decision-only">
        <DecisionCard decision={decision} criteria={criteria} names={names} results={null} size="projector" />
      </div>
    ) : null;
  }
  const crit = resultCriteria(results.criteria, criteria);
  return (
    <div className={decision ? 'projector-results has-decision' : 'projector-results'} data-testid="results" data-round={results.round}>
      {decision ? (
        <DecisionCard decision={decision} criteria={criteria} names={names} results={results} size="projector" />
      ) : (
        <section className="projector-ranking" aria-labelledby="proj-ranking-h">
          <h2 id="proj-ranking-h" className="projector-section-title">{t('results.ranking')}</h2>
          <Ranking ranking={results.ranking} criteria={crit} mode={results.mode} nameOf={nameOf} chosen={null} limit={PROJECTOR_RANK_ROWS} />
        </section>
      )}
      <section className="projector-detail" aria-label={t('results.heatmap')}>
        {decision && <Ranking ranking={results.ranking} criteria={crit} mode={results.mode} nameOf={nameOf} chosen={decision.target} limit={PROJECTOR_RANK_ROWS} />}
        <Heatmap ranking={results.ranking} criteria={crit} mode={results.mode} nameOf={nameOf} />
        {!decision && (
          <>
            <TeamTops byTeam={results.byTeam} teams={teams} mode={results.mode} nameOf={nameOf} />
            <Participation participation={results.participation} teams={teams} />
          </>
        )}
      </section>
    </div>
  );
}
