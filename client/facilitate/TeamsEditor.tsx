import { useState, type FormEvent } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { MAX_NAME, MAX_TEAMS, type Team } from '../../shared/schema.js';
import { restoreTeams } from '../../shared/validate.js';
import { runCommand } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { nextTeamColor, TEAM_COLORS, teamIdFor } from '../teams/teamColors.js';
import { Dialog } from '../ui/Dialog.js';
import { PlusIcon, TrashIcon } from '../ui/icons.js';

interface Props {
  boardId: BoardId;
  token: string;
  teams: readonly Team[];
  onClose: () => void;
}

/** A row being edited. `id` is null for a team not saved yet: it gets one from its name on save. */
interface Draft {
  key: number;
  id: string | null;
  name: string;
  color: string;
}

/**
 * The teams taking part (districts, schools, groups). Saved as one list (setTeams). A team
 * keeps its id when renamed, because notes and participants' tokens refer to the id.
 */
export function TeamsEditor({ boardId, token, teams, onClose }: Props) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Draft[]>(() => teams.map((tm, i) => ({ key: i, id: tm.id, name: tm.name, color: tm.color })));
  const [nextKey, setNextKey] = useState(teams.length);
  const [status, setStatus] = useState<'idle' | 'saving' | 'failed'>('idle');

  // Removing a team leaves its notes and members untagged; say so before it happens.
  const removing = teams.some((tm) => !rows.some((r) => r.id === tm.id));
  const update = (key: number, patch: Partial<Draft>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    setRows((rs) => [...rs, { key: nextKey, id: null, name: '', color: nextTeamColor(rs) }]);
    setNextKey((k) => k + 1);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const taken = new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
    const list: Team[] = [];
    for (const r of rows) {
      const name = r.name.trim();
      if (!name) continue;
      const id = r.id ?? teamIdFor(name, taken);
      taken.add(id);
      list.push({ id, name, color: r.color });
    }
    setStatus('saving');
    const ok = (await runCommand(boardId, token, { type: 'setTeams', teams: restoreTeams(list) })) !== null;
    setStatus(ok ? 'idle' : 'failed');
    if (ok) onClose();
  };

  return (
    <Dialog title={t('teams.title')} onClose={onClose} testId="teams-editor" className="teams-dialog">
      <form className="teams-form" onSubmit={(e) => void save(e)}>
        <p className="share-note">{t('teams.hint')}</p>
        {rows.length === 0 && <p className="share-empty">{t('teams.none')}</p>}
        <ul className="teams-rows">
          {rows.map((r, i) => (
            <li key={r.key} className="teams-row" data-testid="team-row">
              <span className="team-swatch team-swatch-lg" style={{ backgroundColor: r.color }} aria-hidden="true" />
              <label className="visually-hidden" htmlFor={`team-name-${r.key}`}>
                {t('teams.nameLabel', { n: i + 1 })}
              </label>
              <input
                id={`team-name-${r.key}`}
                className="teams-name"
                data-testid="team-name"
                value={r.name}
                maxLength={MAX_NAME}
                placeholder={t('teams.namePlaceholder')}
                autoFocus={r.id === null && i === rows.length - 1}
                onChange={(e) => update(r.key, { name: e.target.value })}
              />
              <label className="visually-hidden" htmlFor={`team-color-${r.key}`}>
                {t('teams.colorLabel', { n: i + 1 })}
              </label>
              <select id={`team-color-${r.key}`} className="teams-color" data-testid="team-color" value={r.color} onChange={(e) => update(r.key, { color: e.target.value })}>
                {TEAM_COLORS.map((c) => (
                  <option key={c.hex} value={c.hex}>{t(c.name)}</option>
                ))}
                {!TEAM_COLORS.some((c) => c.hex === r.color) && <option value={r.color}>{t('teams.customColor')}</option>}
              </select>
              <button
                type="button"
                className="btn btn-small btn-quiet"
                data-testid="team-remove"
                aria-label={t('teams.removeName', { name: r.name || t('teams.unnamed') })}
                title={t('teams.remove')}
                onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
              >
                <TrashIcon />
              </button>
            </li>
          ))}
        </ul>
        {removing && <p className="share-warning">{t('teams.removedWarning')}</p>}
        <div className="teams-footer">
          <button type="button" className="btn btn-small" data-testid="team-add" onClick={add} disabled={rows.length >= MAX_TEAMS}>
            <PlusIcon />
            {t('teams.add')}
          </button>
          <span className="teams-footer-end">
            {status === 'failed' && <span className="inline-error" role="alert">{t('teams.failed')}</span>}
            <button type="button" className="btn btn-small" onClick={onClose}>
              {t('teams.cancel')}
            </button>
            <button type="submit" className="btn btn-small btn-primary" data-testid="teams-save" disabled={status === 'saving'}>
              {status === 'saving' ? t('teams.saving') : t('teams.save')}
            </button>
          </span>
        </div>
      </form>
    </Dialog>
  );
}
