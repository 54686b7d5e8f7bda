import type { ClusterCounts as Counts } from '../../shared/clusters.js';
import type { Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';

interface Props {
  counts: Counts | undefined;
  teams: readonly Team[];
  className?: string;
}

/**
 * Notes per team inside one category, each with its team's swatch and name (never the color
 * alone). Teams with no note here are left out; notes of no team, or of a removed one, are
 * counted together.
 */
export function TeamCounts({ counts, teams, className }: Props) {
  const { t } = useI18n();
  if (!counts || counts.total === 0) return null;
  const known = new Set(teams.map((tm) => tm.id));
  const rows = teams.filter((tm) => (counts.byTeam[tm.id] ?? 0) > 0).map((tm) => ({ id: tm.id, name: tm.name, color: tm.color, n: counts.byTeam[tm.id]! }));
  const other = Object.entries(counts.byTeam).reduce((s, [id, n]) => (known.has(id) ? s : s + n), 0);
  if (rows.length === 0) return null;
  return (
    <ul className={className ? `team-counts ${className}` : 'team-counts'} aria-label={t('cluster.teamCounts')} data-testid="team-counts">
      {rows.map((r) => (
        <li key={r.id} className="team-count" data-team={r.id}>
          <span className="team-swatch" style={{ backgroundColor: r.color }} aria-hidden="true" />
          {t('cluster.teamCount', { team: r.name, count: r.n })}
        </li>
      ))}
      {other > 0 && <li className="team-count">{t('cluster.teamCount', { team: t('cluster.noTeam'), count: other })}</li>}
    </ul>
  );
}
