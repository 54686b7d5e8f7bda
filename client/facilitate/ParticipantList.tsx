import { useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import type { Team } from '../../shared/schema.js';
import { runCommand } from '../access/commands.js';
import type { Participant } from '../access/sessionInfo.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { TeamTag } from '../teams/TeamTag.js';

interface Props {
  boardId: BoardId;
  token: string;
  participants: readonly Participant[];
  teams: readonly Team[];
  /** Participant ids with a live connection now (from presence). */
  online: ReadonlySet<string>;
  /** Anonymous board: names stay hidden (the facilitator's screen is often shared) until shown on purpose. */
  anonymous: boolean;
  onChanged: () => void;
}

/**
 * Everyone who joined with the code. Removing someone ends their connection at once and their
 * token stops working; it cannot be undone from here, so it asks first, in place.
 */
export function ParticipantList({ boardId, token, participants, teams, online, anonymous, onChanged }: Props) {
  const { t, tn, lang } = useI18n();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [showNames, setShowNames] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const teamById = new Map(teams.map((tm) => [tm.id, tm]));
  const time = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' });
  // Who is here now first, then the most recent arrivals: the ones a facilitator is looking for.
  const active = participants
    .filter((p) => !p.removed)
    .sort((a, b) => Number(online.has(b.id)) - Number(online.has(a.id)) || b.joinedAt - a.joinedAt);
  const removed = participants.length - active.length;

  const remove = async (p: Participant) => {
    setConfirming(null);
    const r = await runCommand(boardId, token, { type: 'removeParticipant', participantId: p.id });
    setFailed(r === null ? p.id : null);
    onChanged();
  };

  if (active.length === 0) {
    return <p className="share-empty">{removed > 0 ? tn('participants.onlyRemoved', removed) : t('participants.none')}</p>;
  }

  return (
    <>
      {anonymous && (
        <p className="share-note">
          {t('participants.anonymousNote')}{' '}
          <button type="button" className="btn btn-small btn-quiet" data-testid="participants-show-names" aria-pressed={showNames} onClick={() => setShowNames((v) => !v)}>
            {showNames ? t('participants.hideNames') : t('participants.showNames')}
          </button>
        </p>
      )}
      <ul className="participant-list" data-testid="participant-list">
        {active.map((raw, i) => {
          const p = anonymous && !showNames ? { ...raw, name: t('silent.person', { n: i + 1 }) } : raw;
          const team = teamById.get(p.team);
          const isOnline = online.has(p.id);
          return (
            <li key={p.id} className="participant" data-testid="participant" data-participant-id={p.id}>
              <span className={isOnline ? 'participant-dot is-online' : 'participant-dot'} aria-hidden="true" />
              <span className="participant-main">
                <span className="participant-name">{p.name}</span>
                <span className="participant-meta">
                  {isOnline ? t('participants.online') : t('participants.joinedAt', { time: time.format(p.joinedAt) })}
                </span>
              </span>
              {team && <TeamTag team={team} />}
              {confirming === p.id ? (
                <span className="participant-confirm" role="group" aria-label={t('participants.confirmRemove', { name: p.name })}>
                  <span className="participant-confirm-text">{t('participants.confirmRemove', { name: p.name })}</span>
                  <button type="button" className="btn btn-small btn-danger" data-testid="remove-participant-confirm" autoFocus onClick={() => void remove(p)}>
                    {t('participants.remove')}
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setConfirming(null)}>
                    {t('participants.keep')}
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="btn btn-small btn-quiet participant-remove"
                  data-testid="remove-participant"
                  aria-label={t('participants.removeName', { name: p.name })}
                  onClick={() => setConfirming(p.id)}
                >
                  {t('participants.remove')}
                </button>
              )}
              {failed === p.id && <span className="inline-error" role="alert">{t('participants.removeFailed')}</span>}
            </li>
          );
        })}
      </ul>
      {removed > 0 && <p className="share-note">{tn('participants.removedCount', removed)}</p>}
    </>
  );
}
