import type { Criterion } from '../../shared/criteria.js';
import type { Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CriteriaList } from '../voting/CriteriaList.js';

/** Before the brainstorm: who is taking part and how ideas will be judged, for the room to read while joining. */
export function ProjectorFrameIntro({ criteria, teams }: { criteria: readonly Criterion[]; teams: readonly Team[] }) {
  const { t } = useI18n();
  return (
    <div className="projector-intro" data-testid="projector-intro">
      {teams.length > 0 && (
        <section>
          <h2 className="projector-section-title">{t('teams.title')}</h2>
          <ul className="projector-intro-teams">
            {teams.map((tm) => (
              <li key={tm.id}>
                <span className="team-swatch" style={{ backgroundColor: tm.color }} aria-hidden="true" />
                {tm.name}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h2 className="projector-section-title">{t('frame.criteriaHeading')}</h2>
        <CriteriaList criteria={criteria} />
      </section>
    </div>
  );
}
