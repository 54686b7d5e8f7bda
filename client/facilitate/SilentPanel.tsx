import { useEffect, useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import type { Team } from '../../shared/schema.js';
import { sendCommand } from '../access/commands.js';
import { fetchDraftCounts, type DraftCount } from '../drafts/draftsApi.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { QuietIcon } from '../ui/sessionIcons.js';

/** Counts arrive this fresh: enough to see the room writing, and only a count per person. */
const DRAFTS_POLL_MS = 3_000;

interface Props {
  boardId: BoardId;
  token: string;
  teams: readonly Team[];
  anonymous: boolean;
}

/**
 * While the brainstorm is silent: how many notes each person has drafted (never what they
 * say), and the button that reveals them all at once.
 */
export function SilentPanel({ boardId, token, teams, anonymous }: Props) {
  const { t, tn } = useI18n();
  const [counts, setCounts] = useState<DraftCount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      if (document.visibilityState === 'visible') {
        const list = await fetchDraftCounts(boardId, token);
        if (stopped) return;
        if (list) setCounts(list);
      }
      timer = setTimeout(() => void poll(), DRAFTS_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [boardId, token]);

  const reveal = async () => {
    setBusy(true);
    setError(null);
    const r = await sendCommand(boardId, token, { type: 'revealDrafts' });
    setBusy(false);
    if (!r.ok) setError(r.error ?? t('voting.unreachable'));
  };

  const list = (counts ?? []).filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
  const total = list.reduce((s, c) => s + c.count, 0);
  const teamName = (id: string) => teams.find((tm) => tm.id === id)?.name ?? '';
  return (
    <div className="silent-panel" data-testid="silent-panel" role="region" aria-label={t('silent.panelLabel')}>
      <QuietIcon />
      <p className="silent-summary" data-testid="draft-total" data-total={total} role="status">
        {counts === null ? t('share.loading') : t('silent.summary', { notes: tn('silent.notes', total), people: tn('silent.people', list.length) })}
      </p>
      {list.length > 0 && (
        <ul className="draft-counts" data-testid="draft-counts" aria-label={t('silent.perPerson')}>
          {list.map((c, i) => (
            <li key={c.id} data-testid="draft-count" data-participant={c.id} data-count={c.count}>
              {/* On an anonymous board not even the facilitator's screen (often shared) shows names. */}
              <span className="draft-count-name">{anonymous ? t('silent.person', { n: i + 1 }) : c.name}</span>
              {teamName(c.team) && <span className="draft-count-team">{teamName(c.team)}</span>}
              <strong>{c.count}</strong>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn-small btn-primary" data-testid="drafts-reveal" disabled={busy} onClick={() => void reveal()}>
        {t('silent.reveal')}
      </button>
      {error && <span className="inline-error" role="alert">{error}</span>}
    </div>
  );
}
