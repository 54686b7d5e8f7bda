import { useCallback } from 'react';
import type { Criterion } from '../../shared/criteria.js';
import type { RevealedResults } from '../../shared/meta.js';
import type { Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { resultCriteria } from './format.js';
import { Heatmap } from './Heatmap.js';
import { Participation } from './Participation.js';
import { PerCriterion } from './PerCriterion.js';
import { Ranking } from './Ranking.js';
import { TeamBreakdown } from './TeamBreakdown.js';

/** Options listed under each criterion on the board; the heat map has them all. */
const PER_CRITERION_ROWS = 5;

interface Props {
  results: RevealedResults;
  /** The board's criteria now (names, letters, colors); results keep only ids. */
  criteria: readonly Criterion[];
  /** Target id -> name from the document (category names, note text). */
  names: ReadonlyMap<string, string>;
  teams: readonly Team[];
  chosen: string | null;
}

/**
 * The revealed results, the same for everyone: the weighted overall ranking, each criterion
 * on its own, the options × criteria heat map, each team's scores, and who took part.
 */
export function Results({ results, criteria, names, teams, chosen }: Props) {
  const { t } = useI18n();
  const crit = resultCriteria(results.criteria, criteria);
  const nameOf = useCallback((id: string) => names.get(id) || t('results.unnamed'), [names, t]);
  const weighted = crit.some((c) => c.weight !== 1);
  return (
    <section className="results" data-testid="results" data-round={results.round} aria-labelledby="results-heading">
      <header className="results-head">
        <h2 id="results-heading" className="results-heading">{t('results.heading')}</h2>
        <p className="results-sub">
          {t(results.mode === 'rating' ? 'results.subRating' : 'results.subDots')}
          {weighted && ` ${t('results.weighted')}`}
        </p>
      </header>
      {results.ranking.length === 0 ? (
        <p className="results-empty">{t('results.noOptions')}</p>
      ) : (
        <div className="results-grid">
          <section className="results-block results-ranking" aria-labelledby="results-ranking-h">
            <h3 id="results-ranking-h" className="results-block-title">{t('results.ranking')}</h3>
            <Ranking ranking={results.ranking} criteria={crit} mode={results.mode} nameOf={nameOf} chosen={chosen} />
          </section>
          <section className="results-block results-heat" aria-labelledby="results-heat-h">
            <h3 id="results-heat-h" className="results-block-title">{t('results.heatmap')}</h3>
            <Heatmap ranking={results.ranking} criteria={crit} mode={results.mode} nameOf={nameOf} />
          </section>
          <section className="results-block results-criteria" aria-labelledby="results-crit-h">
            <h3 id="results-crit-h" className="results-block-title">{t('results.perCriterion')}</h3>
            <PerCriterion perCriterion={results.perCriterion} criteria={crit} mode={results.mode} nameOf={nameOf} limit={PER_CRITERION_ROWS} />
          </section>
          <section className="results-block results-teams" aria-labelledby="results-teams-h">
            <h3 id="results-teams-h" className="results-block-title">{t('results.teams')}</h3>
            <TeamBreakdown ranking={results.ranking} byTeam={results.byTeam} teams={teams} mode={results.mode} nameOf={nameOf} />
            <Participation participation={results.participation} teams={teams} />
          </section>
        </div>
      )}
    </section>
  );
}
