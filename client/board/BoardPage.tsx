import { useEffect, useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { forgetAccess, loadAccess, saveAccess } from '../access/accessStore.js';
import { projectorFromFragment, tokenFromFragment, type Access } from '../access/claims.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { JoinPage } from '../join/JoinPage.js';
import { useBoardDoc } from '../sync/useBoardDoc.js';
import { Board } from './Board.js';
import { Problem } from './Problem.js';

/**
 * A facilitator link carries its token in the fragment: keep it on this device and take it
 * out of the address bar, so a screen share or a copied URL does not hand out the role.
 */
function captureAccess(boardId: BoardId): Access | null {
  const fromLink = tokenFromFragment(location.hash, boardId);
  // The same choice as pageAccess (which opened the socket early), with its side effects.
  if (fromLink) {
    // Facilitator links from the share panel carry the projector token too (#f=…&k=…).
    const projector = fromLink.role === 'facilitator' ? projectorFromFragment(location.hash, boardId) : null;
    saveAccess(boardId, fromLink.token, null, projector?.token ?? null);
    history.replaceState(history.state, '', location.pathname + location.search);
    return fromLink;
  }
  return loadAccess(boardId)?.access ?? null;
}

/** The board route: a join form without access, the board once open, or why it cannot be. */
export function BoardPage({ boardId }: { boardId: BoardId }) {
  const [access, setAccess] = useState<Access | null>(() => captureAccess(boardId));
  if (!access) return <JoinPage boardId={boardId} onJoined={(a) => setAccess(a)} />;
  return (
    <OpenBoard
      boardId={boardId}
      access={access}
      onAccessChange={setAccess}
      onAccessLost={() => {
        forgetAccess(boardId);
        setAccess(null);
      }}
    />
  );
}

interface OpenBoardProps {
  boardId: BoardId;
  access: Access;
  onAccessChange: (a: Access) => void;
  onAccessLost: () => void;
}

function OpenBoard({ boardId, access, onAccessChange, onAccessLost }: OpenBoardProps) {
  const { t } = useI18n();
  const { state, retry } = useBoardDoc(boardId, access);
  const lost = state.phase === 'join' || (state.phase === 'problem' && state.problem === 'removed');

  useEffect(() => {
    if (state.phase === 'join') onAccessLost();
    else if (lost) forgetAccess(boardId);
  }, [state.phase, lost, boardId, onAccessLost]);

  if (state.phase === 'loading' || state.phase === 'join') {
    return (
      <main className="page-center" aria-busy="true">
        <p className="loading" role="status">{t('board.loading')}</p>
      </main>
    );
  }
  if (state.phase === 'problem') {
    return (
      <main className="page-center">
        <Problem problem={state.problem} variant="page" onRetry={retry} />
      </main>
    );
  }
  // Keyed by session: a new session starts with fresh local UI state (selection, camera).
  return (
    <Board
      key={state.session.doc.guid}
      session={state.session}
      access={access}
      onAccessChange={onAccessChange}
      problem={state.problem}
      recovery={state.recovery}
    />
  );
}
