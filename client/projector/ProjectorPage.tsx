import { useEffect, useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { loadProjectorAccess, saveProjectorAccess } from '../access/accessStore.js';
import { projectorFromFragment, type Access } from '../access/claims.js';
import { Problem } from '../board/Problem.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useProjectorDoc } from '../sync/useProjectorDoc.js';
import { ProjectorView } from './ProjectorView.js';

/** Unattended screens retry by themselves; nobody is at the projector to press "Try again". */
const PROJECTOR_RETRY_MS = 10_000;

/**
 * A projector link carries its token in the fragment (#k=…): keep it on this device and take
 * it out of the address bar, which the room can see.
 */
function captureProjectorAccess(boardId: BoardId): Access | null {
  const fromLink = projectorFromFragment(location.hash, boardId);
  if (fromLink) {
    saveProjectorAccess(boardId, fromLink);
    history.replaceState(history.state, '', location.pathname + location.search);
    return fromLink;
  }
  return loadProjectorAccess(boardId);
}

export function ProjectorPage({ boardId }: { boardId: BoardId }) {
  const [access] = useState<Access | null>(() => captureProjectorAccess(boardId));
  if (!access) {
    return (
      <main className="page-center">
        <Problem problem="unauthorized" variant="page" />
      </main>
    );
  }
  return <OpenProjector boardId={boardId} access={access} />;
}

function OpenProjector({ boardId, access }: { boardId: BoardId; access: Access }) {
  const { t } = useI18n();
  const { state, retry } = useProjectorDoc(boardId, access);
  const unreachable = state.phase === 'problem' && state.problem === 'unreachable';

  useEffect(() => {
    if (!unreachable) return;
    const id = setTimeout(retry, PROJECTOR_RETRY_MS);
    return () => clearTimeout(id);
  }, [unreachable, retry]);

  if (state.phase === 'loading') {
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
  return <ProjectorView boardId={boardId} access={access} session={state.session} />;
}
