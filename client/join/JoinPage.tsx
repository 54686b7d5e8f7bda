import { useEffect, useState, type FormEvent } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { isJoinCode, JOIN_CODE_LENGTH, normalizeJoinCode } from '../../shared/joincode.js';
import { MAX_NAME, type Team } from '../../shared/schema.js';
import { joinWithCode, lookupJoinCode } from '../access/accessApi.js';
import { loadAccess, saveAccess } from '../access/accessStore.js';
import type { Access } from '../access/claims.js';
import { useIdentity } from '../identity/useIdentity.js';
import type { MessageKey } from '../i18n/i18n.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { boardPath, navigate } from '../router.js';
import { Problem } from '../board/Problem.js';
import { lookupBoard } from '../sync/boardApi.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';

interface Props {
  /** The code from a join link (/join/ABC479); otherwise the person types it. */
  code?: string;
  /** Set when shown on a board's own page to someone who has no access to it yet. */
  boardId?: BoardId;
  onJoined?: (access: Access) => void;
}

type Found = { boardId: BoardId; title: string; teams: Team[]; code: string };
type Failure = 'badCode' | 'wrongCode' | 'throttled' | 'removed' | 'unreachable';

const FAILURE_TEXT: Record<Failure, MessageKey> = {
  badCode: 'join.badCode',
  wrongCode: 'join.wrongCode',
  throttled: 'join.throttled',
  removed: 'join.removed',
  unreachable: 'join.unreachable',
};

/** Joining as a participant: a code from the facilitator, a display name, and a team if the board has them. */
export function JoinPage({ code: codeFromLink, boardId, onJoined }: Props) {
  const { t } = useI18n();
  const identity = useIdentity();
  const [code, setCode] = useState(codeFromLink ?? '');
  const [name, setName] = useState<string | null>(null);
  const [team, setTeam] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const [boardGone, setBoardGone] = useState(false);
  const shownName = name ?? identity.name;

  const enter = (target: BoardId, access: Access) => {
    if (onJoined && target === boardId) onJoined(access);
    else navigate(boardPath(target));
  };

  const lookup = async (typed: string): Promise<Found | null> => {
    const normalized = normalizeJoinCode(typed);
    if (!isJoinCode(normalized)) {
      setFailure('badCode');
      return null;
    }
    const res = await lookupJoinCode(normalized);
    if (res.kind !== 'found') {
      setFailure(res.kind === 'wrong-code' ? 'wrongCode' : res.kind);
      return null;
    }
    const f = { boardId: res.boardId, title: res.title, teams: res.teams, code: res.joinCode };
    setFound(f);
    return f;
  };

  useEffect(() => {
    document.title = `${t('join.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    if (!codeFromLink) return;
    let live = true;
    void lookup(codeFromLink).then((f) => {
      // Already on this board from this device: a second scan of the QR code goes straight in.
      const stored = f && live ? loadAccess(f.boardId) : null;
      if (f && stored) enter(f.boardId, stored.access);
    });
    return () => {
      live = false;
    };
    // Deliberately keyed on the code alone: look the link's code up once.
  }, [codeFromLink]);

  useEffect(() => {
    // Asking for a code to a board that does not exist would only lead to "wrong code".
    if (!boardId) return;
    const abort = new AbortController();
    void lookupBoard(boardId, abort.signal)
      .then((r) => setBoardGone(r.kind === 'not-found'))
      .catch(() => undefined);
    return () => abort.abort();
  }, [boardId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    const f = found && found.code === normalizeJoinCode(code) ? found : await lookup(code);
    // A board with teams asks for one before joining; the lookup just revealed the list.
    if (!f || (f.teams.length > 0 && !found)) {
      setBusy(false);
      return;
    }
    if (shownName.trim() && shownName !== identity.name) identity.setName(shownName);
    const previous = loadAccess(f.boardId)?.access;
    const res = await joinWithCode(f.code, {
      name: shownName.trim(),
      team,
      previousToken: previous?.role === 'participant' ? previous.token : undefined,
    });
    setBusy(false);
    if (res.kind !== 'joined') {
      setFailure(res.kind === 'wrong-code' ? 'wrongCode' : res.kind);
      return;
    }
    const access = saveAccess(res.boardId, res.token, f.code);
    if (access) enter(res.boardId, access);
    else setFailure('unreachable');
  };

  if (boardGone) {
    return (
      <main className="page-center">
        <Problem problem="not-found" variant="page" />
      </main>
    );
  }

  return (
    <div className="home">
      <header className="home-header">
        <a className="brand" href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </a>
        <LanguageSwitch />
      </header>
      <main className="home-main join-main">
        <h1 className="join-title">{found?.title ? t('join.titleBoard', { title: found.title }) : t('join.title')}</h1>
        {boardId && !found && <p className="join-lead">{t('join.needed')}</p>}
        <form className="join-form" onSubmit={(e) => void submit(e)} noValidate>
          {!codeFromLink && (
            <label className="field">
              <span className="field-label">{t('join.codeLabel')}</span>
              <input
                className="code-input"
                data-testid="join-code"
                value={code}
                onChange={(e) => {
                  setCode(e.target.value);
                  setFound(null);
                }}
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                maxLength={JOIN_CODE_LENGTH + 4}
                inputMode="text"
                required
              />
              <span className="field-hint">{t('join.codeHint')}</span>
            </label>
          )}
          <label className="field">
            <span className="field-label">{t('join.nameLabel')}</span>
            <input data-testid="join-name" value={shownName} maxLength={MAX_NAME} onChange={(e) => setName(e.target.value)} autoComplete="nickname" />
            <span className="field-hint">{t('join.nameHint')}</span>
          </label>
          {found && found.teams.length > 0 && (
            <label className="field">
              <span className="field-label">{t('join.teamLabel')}</span>
              <select data-testid="join-team" value={team} onChange={(e) => setTeam(e.target.value)}>
                <option value="">{t('join.noTeam')}</option>
                {found.teams.map((tm) => (
                  <option key={tm.id} value={tm.id}>{tm.name}</option>
                ))}
              </select>
            </label>
          )}
          {failure && <p className="home-error" role="alert">{t(FAILURE_TEXT[failure])}</p>}
          <button type="submit" className="btn btn-primary btn-large" data-testid="join-submit" disabled={busy} aria-busy={busy}>
            {busy ? t('join.joining') : t('join.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
