import { MAX_NAME, MAX_TEAMS } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { nextTeamColor, TEAM_COLORS } from '../teams/teamColors.js';
import { PlusIcon, TrashIcon } from '../ui/icons.js';

/** A team row being edited; `id` is null until saved (it then gets one from its name). */
export interface TeamDraft {
  key: number;
  id: string | null;
  name: string;
  color: string;
}

interface Props {
  rows: TeamDraft[];
  onChange: (rows: TeamDraft[]) => void;
}

/** The teams as compact rows (name, color), for the Frame setup screen. */
export function TeamFields({ rows, onChange }: Props) {
  const { t } = useI18n();
  const update = (key: number, patch: Partial<TeamDraft>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => onChange([...rows, { key: Math.max(0, ...rows.map((r) => r.key)) + 1, id: null, name: '', color: nextTeamColor(rows) }]);
  return (
    <div className="team-fields">
      {rows.length === 0 && <p className="share-note">{t('frame.noTeams')}</p>}
      <ul className="teams-rows">
        {rows.map((r, i) => (
          <li key={r.key} className="teams-row" data-testid="frame-team-row">
            <span className="team-swatch team-swatch-lg" style={{ backgroundColor: r.color }} aria-hidden="true" />
            <label className="visually-hidden" htmlFor={`frame-team-${r.key}`}>{t('teams.nameLabel', { n: i + 1 })}</label>
            <input id={`frame-team-${r.key}`} className="teams-name" data-testid="frame-team-name" value={r.name} maxLength={MAX_NAME} placeholder={t('teams.namePlaceholder')} autoFocus={r.id === null && i === rows.length - 1 && r.name === ''} onChange={(e) => update(r.key, { name: e.target.value })} />
            <label className="visually-hidden" htmlFor={`frame-team-color-${r.key}`}>{t('teams.colorLabel', { n: i + 1 })}</label>
            <select id={`frame-team-color-${r.key}`} className="teams-color" value={r.color} onChange={(e) => update(r.key, { color: e.target.value })}>
              {TEAM_COLORS.map((c) => <option key={c.hex} value={c.hex}>{t(c.name)}</option>)}
              {!TEAM_COLORS.some((c) => c.hex === r.color) && <option value={r.color}>{t('teams.customColor')}</option>}
            </select>
            <button type="button" className="btn btn-small btn-quiet" aria-label={t('teams.removeName', { name: r.name || t('teams.unnamed') })} title={t('teams.remove')} onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
              <TrashIcon />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-small" data-testid="frame-team-add" onClick={add} disabled={rows.length >= MAX_TEAMS}>
        <PlusIcon />
        {t('teams.add')}
      </button>
    </div>
  );
}
