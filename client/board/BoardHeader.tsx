import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { formatJoinCode } from '../../shared/joincode.js';
import type { Phase } from '../../shared/phases.js';
import type { PresenceState, Team } from '../../shared/schema.js';
import type { LiveSession } from '../access/useSessionInfo.js';
import { FacilitatorControls } from '../facilitate/FacilitatorControls.js';
import { ProblemEditor } from '../facilitate/ProblemEditor.js';
import { TitleEditor } from '../facilitate/TitleEditor.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { navigate } from '../router.js';
import { CheckIcon, LinkIcon, LockIcon } from '../ui/icons.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import type { Peer } from '../sync/usePresence.js';
import { NameEditor } from './NameEditor.js';
import { PhaseControl } from './PhaseControl.js';
import { PresenceList } from './PresenceList.js';

/** How long "Link copied" stays before the button reads "Copy join link" again. */
const COPIED_FEEDBACK_MS = 2_000;

export interface FacilitatorSeat {
  token: string;
  projectorToken: string | null;
  session: LiveSession;
}

interface Props {
  boardId: BoardId;
  title: string;
  /** The problem of practice, '' when the board has none yet. */
  problem: string;
  phase: Phase;
  locked: boolean;
  teams: readonly Team[];
  /** Null for everyone but the facilitator. */
  facilitator: FacilitatorSeat | null;
  joinCode: string | null;
  me: PresenceState['user'];
  peers: readonly Peer[];
  /** Null when the name comes with the role and cannot be changed (facilitator). */
  onRename: ((name: string) => void) | null;
  /** The shared timer, beside the phase (the facilitator's sits with its controls instead). */
  timer: ReactNode;
  /** Anonymous board: even the facilitator's participant list hides names unless asked. */
  anonymous: boolean;
}

export function BoardHeader(p: Props) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const online = useMemo(() => new Set(p.peers.map((peer) => peer.user.id)), [p.peers]);

  useEffect(() => {
    if (!copied) return;
    const id = setTimeout(() => setCopied(false), COPIED_FEEDBACK_MS);
    return () => clearTimeout(id);
  }, [copied]);

  const copyJoinLink = () => {
    if (!p.joinCode) return;
    const url = `${location.origin}/join/${p.joinCode}`;
    void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => undefined);
  };

  return (
    <header className="board-header">
      <a className="brand" href="/" aria-label={t('board.home')} onClick={(e) => { e.preventDefault(); navigate('/'); }}>
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
      </a>
      <div className="board-heading">
        <TitleEditor boardId={p.boardId} title={p.title} token={p.facilitator?.token ?? null} />
        <PhaseControl boardId={p.boardId} phase={p.phase} token={p.facilitator?.token ?? null} />
        {p.timer}
        {p.locked && (
          <span className="locked-badge" data-testid="locked-indicator" role="status">
            <LockIcon />
            <span className="locked-badge-text">{t('lock.badge')}</span>
          </span>
        )}
      </div>
      <div className="header-end">
        {p.joinCode && (
          <span className="join-code" data-testid="join-code-display">
            <span className="join-code-label">{t('board.joinCode')}</span>
            <strong className="join-code-value">{formatJoinCode(p.joinCode)}</strong>
          </span>
        )}
        <PresenceList me={p.me} peers={p.peers} />
        <NameEditor user={p.me} onRename={p.onRename} />
        {p.facilitator ? (
          <FacilitatorControls
            boardId={p.boardId}
            token={p.facilitator.token}
            projectorToken={p.facilitator.projectorToken}
            locked={p.locked}
            teams={p.teams}
            session={p.facilitator.session}
            online={online}
            anonymous={p.anonymous}
          />
        ) : (
          p.joinCode && (
            <button type="button" className="btn btn-quiet copy-link" data-testid="copy-link" onClick={copyJoinLink} title={t('board.copyJoinLinkLong')}>
              {copied ? <CheckIcon /> : <LinkIcon />}
              <span className="copy-link-label" aria-live="polite">{copied ? t('board.linkCopied') : t('board.copyJoinLink')}</span>
            </button>
          )
        )}
      </div>
      <LanguageSwitch />
      <ProblemEditor boardId={p.boardId} problem={p.problem} token={p.facilitator?.token ?? null} />
    </header>
  );
}
