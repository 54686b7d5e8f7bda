import type { Team } from '../../shared/schema.js';
import type { Results } from '../../shared/tally.js';
import { useI18n } from '../i18n/I18nProvider.js';

/** Who took part, by team: a breakdown of voters, never of their choices. */
export function Participation({ participation, teams }: { participation: Results['participation']; teams: readonly Team[] }) {
  const { t, tn } = useI18n();
  const entries = Object.entries(participation.byTeam).sort(
    ([a], [b]) => (teams.findIndex((tm) => tm.id === a) + 1 || 999) - (teams.findIndex((tm) => tm.id === b) + 1 || 999),
  );
  return (
    <div className="participation" data-testid="results-participation" data-voters={participation.voters}>
      <p className="participation-total">{tn('results.voters', participation.voters)}</p>
      {entries.length > 0 && (
        <ul className="participation-teams" aria-label={t('results.votersByTeam')}>
          {entries.map(([id, n]) => {
            const team = teams.find((tm) => tm.id === id);
            return (
              <li key={id || '-'} data-team={id} data-count={n}>
                {team && <span className="team-swatch" style={{ backgroundColor: team.color }} aria-hidden="true" />}
                {t('results.teamVoters', { team: id ? (team?.name ?? id) : t('cluster.noTeam'), count: n })}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
