import { useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { forgetBoard } from '../access/accessStore.js';
import { deleteBoard } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { navigate } from '../router.js';
import { forgetOfflineCopy } from '../sync/offlineCopy.js';

type State = { kind: 'idle' } | { kind: 'confirming' } | { kind: 'deleting' } | { kind: 'failed'; error: string | null };

/**
 * Delete the board for good, in two steps. The server removes everything and disconnects
 * everyone (their devices drop their copies when told); this device forgets it too.
 */
export function DeleteBoard({ boardId, token }: { boardId: BoardId; token: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const confirm = async () => {
    setState({ kind: 'deleting' });
    const res = await deleteBoard(boardId, token);
    if (!res.ok) {
      setState({ kind: 'failed', error: res.error });
      return;
    }
    forgetBoard(boardId);
    // Finishes once the board's page has closed its copy (it is left next).
    void forgetOfflineCopy(boardId);
    navigate('/');
  };

  return (
    <section className="delete-board" aria-labelledby="delete-board-h" data-testid="delete-board">
      <h3 id="delete-board-h" className="share-heading">{t('delete.heading')}</h3>
      <p className="share-note">{t('delete.hint')}</p>
      {state.kind === 'idle' || state.kind === 'failed' ? (
        <div className="share-actions">
          <button type="button" className="btn btn-small btn-danger" data-testid="delete-board-open" onClick={() => setState({ kind: 'confirming' })}>
            {t('delete.open')}
          </button>
        </div>
      ) : (
        <div className="share-actions" role="group" aria-label={t('delete.confirmLabel')}>
          <button type="button" className="btn btn-small btn-danger" data-testid="delete-board-confirm" disabled={state.kind === 'deleting'} onClick={() => void confirm()}>
            {state.kind === 'deleting' ? t('delete.deleting') : t('delete.confirm')}
          </button>
          <button type="button" className="btn btn-small" data-testid="delete-board-cancel" disabled={state.kind === 'deleting'} onClick={() => setState({ kind: 'idle' })}>
            {t('delete.cancel')}
          </button>
        </div>
      )}
      {state.kind === 'failed' && (
        <p className="inline-error" role="alert">{state.error === null ? t('delete.unreachable') : t('delete.failed', { reason: state.error })}</p>
      )}
    </section>
  );
}
