import { useI18n } from '../i18n/I18nProvider.js';
import type { SaveState } from '../sync/saveTracker.js';
import type { Connection } from '../sync/useConnection.js';

interface Props {
  connection: Connection;
  save: SaveState;
  noteCount: number;
  /** Why the person cannot add notes right now, if they cannot. */
  notice: string | null;
  /** Whether notes can be added from what is on screen (the board, not a panel): then how is shown. */
  canAdd: boolean;
}

export function StatusBar({ connection, save, noteCount, notice, canAdd }: Props) {
  const { t, tn } = useI18n();
  const { status, wasConnected } = connection;
  const connLabel =
    status === 'connected' ? t('conn.connected')
    : status === 'disconnected' ? t('conn.offline')
    : wasConnected ? t('conn.reconnecting')
    : t('conn.connecting');
  const saveLabel = save === 'saving' ? t('save.saving') : save === 'offline' ? t('save.offline') : t('save.saved');

  return (
    <footer className="status-bar">
      {/* Polite live regions: a screen reader hears "Offline" or "All changes saved" without losing its place. */}
      <span className="status-item" data-testid="connection-status" data-status={status} role="status">
        <span className={`status-dot status-dot-${status}`} aria-hidden="true" />
        {connLabel}
      </span>
      <span className="status-item" data-testid="save-status" data-state={save} role="status">
        {saveLabel}
      </span>
      <span className="status-item status-count">{tn('board.noteCount', noteCount)}</span>
      {notice ? (
        <span className="status-hint status-notice" data-testid="board-notice">{notice}</span>
      ) : canAdd ? (
        <span className="status-hint">{t('board.hint')}</span>
      ) : null}
    </footer>
  );
}
