import { useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { runCommand } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { LockIcon, UnlockIcon } from '../ui/icons.js';

interface Props {
  boardId: BoardId;
  token: string;
  locked: boolean;
}

/**
 * Lock: participants can look but not change anything (the server refuses their writes).
 * A toggle button: pressed means locked, as the document says, not as we last asked.
 */
export function LockToggle({ boardId, token, locked }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const toggle = async () => {
    setBusy(true);
    setFailed(false);
    const r = await runCommand(boardId, token, { type: 'setLocked', locked: !locked });
    setBusy(false);
    setFailed(r === null);
  };

  return (
    <>
      <button
        type="button"
        className={locked ? 'btn btn-small facilitator-button lock-toggle is-on' : 'btn btn-small facilitator-button lock-toggle'}
        data-testid="lock-toggle"
        aria-pressed={locked}
        disabled={busy}
        title={locked ? t('lock.unlockHint') : t('lock.lockHint')}
        onClick={() => void toggle()}
      >
        {locked ? <LockIcon /> : <UnlockIcon />}
        <span className="facilitator-button-label">{t('lock.label')}</span>
      </button>
      {failed && <span className="inline-error" role="alert">{t('lock.failed')}</span>}
    </>
  );
}
