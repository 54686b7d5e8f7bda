import { useState } from 'react';
import type { VotingSettings } from '../../shared/criteria.js';
import type { BoardId } from '../../shared/ids.js';
import type { Team } from '../../shared/schema.js';
import { sendCommand, type Command } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { SettingsIcon } from '../ui/sessionIcons.js';
import { useVotingProgress } from './useVotingProgress.js';
import { VotingProgressView } from './VotingProgressView.js';

/** Runoff sizes offered: the top two to five options (ties at the cut go through too). */
const RUNOFF_SIZES = [2, 3, 4, 5];

interface Props {
  boardId: BoardId;
  token: string;
  voting: VotingSettings;
  teams: readonly Team[];
  /** Participants on the board now, per team. */
  here: ReadonlyMap<string, number>;
  /** How many options there are: a runoff needs more than its size. */
  targetCount: number;
  onEditCriteria: () => void;
}

/**
 * The facilitator's voting controls: criteria, open, progress, close, reveal, reopen, runoff.
 * Each is a server command; the bar shows the round's status as the document states it, and
 * a refusal in the server's words.
 */
export function VotingBar({ boardId, token, voting, teams, here, targetCount, onEditCriteria }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [top, setTop] = useState(3);
  const open = voting.status === 'open';
  const revealed = voting.status === 'revealed';
  const progress = useVotingProgress(boardId, token, voting.round, open);

  const run = async (command: Command) => {
    setBusy(true);
    setError(null);
    const r = await sendCommand(boardId, token, command);
    setBusy(false);
    if (!r.ok) setError(r.error ?? t('voting.unreachable'));
  };

  const statusText = open ? t('voting.statusOpen', { round: voting.round }) : revealed ? t('voting.statusRevealed') : t('voting.statusClosed');

  return (
    <div className="voting-bar" data-testid="voting-bar" data-status={voting.status} role="region" aria-label={t('voting.barLabel')}>
      <p className="voting-bar-status">
        <span className={`voting-status-dot is-${voting.status}`} aria-hidden="true" />
        {statusText}
        {voting.runoff.length > 0 && <span className="voting-runoff-tag">{t('voting.runoffTag', { count: voting.runoff.length })}</span>}
      </p>
      {open && <VotingProgressView progress={progress} here={here} teams={teams} />}
      <div className="voting-bar-actions">
        <button type="button" className="btn btn-small" data-testid="criteria-open" onClick={onEditCriteria} title={open ? t('criteria.lockedWhileOpen') : undefined}>
          <SettingsIcon />
          {t('criteria.open')}
        </button>
        {!open && !revealed && (
          <button type="button" className="btn btn-small btn-primary" data-testid="voting-open" disabled={busy || voting.criteria.length === 0} onClick={() => void run({ type: 'openVoting' })}>
            {t('voting.open')}
          </button>
        )}
        {open && (
          <button type="button" className="btn btn-small" data-testid="voting-close" disabled={busy} onClick={() => void run({ type: 'closeVoting' })}>
            {t('voting.close')}
          </button>
        )}
        {!revealed && (
          <button type="button" className="btn btn-small btn-primary" data-testid="voting-reveal" disabled={busy} onClick={() => void run({ type: 'revealVotes' })}>
            {t('voting.reveal')}
          </button>
        )}
        {revealed && (
          <>
            <button type="button" className="btn btn-small" data-testid="voting-reopen" disabled={busy} onClick={() => void run({ type: 'reopenVoting' })}>
              {t('voting.reopen')}
            </button>
            {targetCount > 2 && (
              <span className="voting-runoff">
                <label className="visually-hidden" htmlFor="runoff-top">{t('voting.runoffSize')}</label>
                <select id="runoff-top" data-testid="voting-runoff-top" value={top} onChange={(e) => setTop(Number(e.target.value))}>
                  {RUNOFF_SIZES.filter((n) => n < targetCount).map((n) => <option key={n} value={n}>{t('voting.runoffTop', { n })}</option>)}
                </select>
                <button type="button" className="btn btn-small" data-testid="voting-runoff" disabled={busy} onClick={() => void run({ type: 'runoff', top })}>
                  {t('voting.runoff')}
                </button>
              </span>
            )}
          </>
        )}
      </div>
      {error && <p className="inline-error" data-testid="voting-error" role="alert">{error}</p>}
    </div>
  );
}
