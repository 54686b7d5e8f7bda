import type { Criterion } from '../../shared/criteria.js';
import type { Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CriteriaList } from '../voting/CriteriaList.js';

interface Props {
  title: string;
  problem: string;
  teams: readonly Team[];
  criteria: readonly Criterion[];
}

/** What participants see while the facilitator frames the session: the question, who is here, how ideas will be judged. */
export function FrameOverview({ title, problem, teams, criteria }: Props) {
  const { t } = useI18n();
  return (
    <section className="frame-overview" data-testid="frame-overview" aria-labelledby="frame-overview-h">
      <p className="frame-kicker">{t('frame.welcome')}</p>
      <h2 id="frame-overview-h" className="frame-overview-title">{title || t('board.untitled')}</h2>
      {problem ? <p className="frame-overview-problem">{problem}</p> : <p className="share-note">{t('frame.noProblemYet')}</p>}
      {teams.length > 0 && (
        <ul className="frame-overview-teams" aria-label={t('teams.title')}>
          {teams.map((tm) => (
            <li key={tm.id}>
              <span className="team-swatch" style={{ backgroundColor: tm.color }} aria-hidden="true" />
              {tm.name}
            </li>
          ))}
        </ul>
      )}
      <h3 className="frame-section-title">{t('frame.criteriaHeading')}</h3>
      <CriteriaList criteria={criteria} />
      <p className="frame-wait" role="status">{t('frame.wait')}</p>
    </section>
  );
}
