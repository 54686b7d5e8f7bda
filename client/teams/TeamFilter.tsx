import type { Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { FilterIcon } from '../ui/icons.js';

interface Props {
  teams: readonly Team[];
  /** A team id, or null for all teams. */
  value: string | null;
  onChange: (team: string | null) => void;
}

/**
 * Highlight one team's notes (the others are dimmed, not hidden, so the board keeps its shape).
 * A view setting on this device only: choosing a team here changes nothing for anyone else.
 */
export function TeamFilter({ teams, value, onChange }: Props) {
  const { t } = useI18n();
  if (teams.length === 0) return null;
  return (
    <label className={value ? 'team-filter is-active' : 'team-filter'} title={t('teams.filterLabel')}>
      <FilterIcon />
      <span className="visually-hidden">{t('teams.filterLabel')}</span>
      <select data-testid="team-filter" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t('teams.all')}</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </label>
  );
}
