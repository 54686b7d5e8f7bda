import type { Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { VotingProgress } from '../voting/votesApi.js';

interface Props {
  progress: VotingProgress | null;
  /** Participants on the board now, per team ('' for none): who could be voting. */
  here: ReadonlyMap<string, number>;
  teams: readonly Team[];
}

/**
 * "N of M finished", and per team: counts only. Who chose what stays hidden until the reveal,
 * from the facilitator too. M is whoever is here or has voted, whichever is more.
 */
export function VotingProgressView({ progress, here, teams }: Props) {
  const { t } = useI18n();
  if (!progress) return <p className="voting-progress" data-testid="voting-progress" role="status">{t('voting.progressLoading')}</p>;
  const hereTotal = [...here.values()].reduce((s, n) => s + n, 0);
  const total = Math.max(hereTotal, progress.voters, progress.done);
  const ids = new Set([...teams.map((tm) => tm.id), ...Object.keys(progress.byTeam), ...here.keys()]);
  const rows = [...ids]
    .map((id) => {
      const p = progress.byTeam[id] ?? { voting: 0, done: 0 };
      return { id, name: id ? (teams.find((tm) => tm.id === id)?.name ?? id) : t('cluster.noTeam'), color: teams.find((tm) => tm.id === id)?.color, done: p.done, of: Math.max(here.get(id) ?? 0, p.voting, p.done) };
    })
    .filter((r) => r.of > 0);
  return (
    <div className="voting-progress" data-testid="voting-progress" data-done={progress.done} data-total={total} role="status">
      <strong className="voting-progress-main">{t('voting.progress', { done: progress.done, total })}</strong>
      {rows.length > 0 && (
        <ul className="voting-progress-teams" aria-label={t('voting.progressByTeam')}>
          {rows.map((r) => (
            <li key={r.id} data-team={r.id}>
              {r.color && <span className="team-swatch" style={{ backgroundColor: r.color }} aria-hidden="true" />}
              {t('voting.progressTeam', { team: r.name, done: r.done, total: r.of })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
