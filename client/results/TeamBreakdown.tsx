import type { CSSProperties } from 'react';
import type { VoteMode } from '../../shared/criteria.js';
import type { Team } from '../../shared/schema.js';
import type { RankedTarget, Results } from '../../shared/tally.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { scoreFormat, share } from './format.js';
import { TableScroll } from './TableScroll.js';

interface Props {
  ranking: readonly RankedTarget[];
  byTeam: Results['byTeam'];
  teams: readonly Team[];
  mode: VoteMode;
  nameOf: (target: string) => string;
}

/**
 * Each team's (district's) own overall scores, options in the overall order. A team's top
 * pick is marked with a word, not only shading: districts compare where they agree.
 */
export function TeamBreakdown({ ranking, byTeam, teams, mode, nameOf }: Props) {
  const { t, lang } = useI18n();
  const fmt = scoreFormat(lang, mode);
  const ids = Object.keys(byTeam);
  // Board order first (as the facilitator listed them), then any team since removed, then "no team".
  const order = [...teams.map((tm) => tm.id).filter((id) => ids.includes(id)), ...ids.filter((id) => id && !teams.some((tm) => tm.id === id)), ...ids.filter((id) => id === '')];
  const nameOfTeam = (id: string) => (id ? (teams.find((tm) => tm.id === id)?.name ?? id) : t('cluster.noTeam'));
  if (order.length === 0) return <p className="results-empty" data-testid="results-teams">{t('results.noVotes')}</p>;
  const tops = new Map(order.map((id) => [id, Math.max(0, ...Object.values(byTeam[id] ?? {}))]));
  return (
    <TableScroll>
      <table className="team-table" data-testid="results-teams">
        <caption className="results-caption">{t('results.teamsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="heatmap-name">{t('results.option')}</th>
            {order.map((id) => {
              const team = teams.find((tm) => tm.id === id);
              return (
                <th key={id || '-'} scope="col" data-team={id}>
                  {team && <span className="team-swatch" style={{ backgroundColor: team.color }} aria-hidden="true" />}
                  {nameOfTeam(id)}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {ranking.map((r) => (
            <tr key={r.target} data-target={r.target}>
              <th scope="row" className="heatmap-name">{nameOf(r.target)}</th>
              {order.map((id) => {
                const v = byTeam[id]?.[r.target] ?? 0;
                const top = v > 0 && v === tops.get(id);
                return (
                  <td key={id || '-'} className={top ? 'heat heat-team is-top' : 'heat heat-team'} data-team={id} data-value={v} style={{ '--heat': share(v, tops.get(id) ?? 0) } as CSSProperties}>
                    {fmt.format(v)}
                    {top && <span className="team-top">{t('results.teamTop')}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
