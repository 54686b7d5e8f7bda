import type { VoteMode } from '../../shared/criteria.js';
import type { Team } from '../../shared/schema.js';
import type { Results } from '../../shared/tally.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { scoreFormat } from './format.js';

interface Props {
  byTeam: Results['byTeam'];
  teams: readonly Team[];
  mode: VoteMode;
  nameOf: (target: string) => string;
}

/**
 * The team breakdown for a room: each team's (district's) own top choice, ties listed
 * together. The full options × teams table is on everyone's screen; a projector has room
 * for one line per team.
 */
export function TeamTops({ byTeam, teams, mode, nameOf }: Props) {
  const { t, lang } = useI18n();
  const fmt = scoreFormat(lang, mode);
  const ids = Object.keys(byTeam).sort((a, b) => (teams.findIndex((tm) => tm.id === a) + 1 || 999) - (teams.findIndex((tm) => tm.id === b) + 1 || 999));
  if (ids.length === 0) return <p className="results-empty" data-testid="results-teams">{t('results.noVotes')}</p>;
  return (
    <div className="team-tops-wrap">
      <h3 className="team-tops-title">{t('results.teamTops')}</h3>
      <ul className="team-tops" data-testid="results-teams">
        {ids.map((id) => {
          const scores = byTeam[id] ?? {};
          const top = Math.max(0, ...Object.values(scores));
          const picks = Object.keys(scores).filter((k) => top > 0 && scores[k] === top);
          const team = teams.find((tm) => tm.id === id);
          return (
            <li key={id || '-'} data-team={id}>
              <span className="team-tops-team">
                {team && <span className="team-swatch" style={{ backgroundColor: team.color }} aria-hidden="true" />}
                {id ? (team?.name ?? id) : t('cluster.noTeam')}
              </span>
              <span className="team-tops-pick">{picks.length > 0 ? picks.map(nameOf).join(' · ') : '—'}</span>
              <span className="team-tops-score">{picks.length > 0 ? fmt.format(top) : ''}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
