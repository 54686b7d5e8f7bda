import { useEffect, useState } from 'react';
import { refusalCause } from '../access/reasons.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Recovery } from '../sync/recovery.js';
import { CloseIcon } from '../ui/icons.js';

/** Long enough to read twice; the board underneath already shows the outcome. */
const NOTICE_VISIBLE_MS = 15_000;

/**
 * What happened after the server refused a change: it was undone, and the rest was kept.
 * Friendly and brief, because the person did nothing wrong: the rules moved under them.
 */
export function RecoveryNotice({ recovery }: { recovery: Recovery }) {
  const { t, tn } = useI18n();
  const [hidden, setHidden] = useState(false);

  useEffect(() => {
    if (recovery.status !== 'done') return;
    const id = setTimeout(() => setHidden(true), NOTICE_VISIBLE_MS);
    return () => clearTimeout(id);
  }, [recovery.status]);

  if (hidden) return null;
  if (recovery.status === 'pending') {
    return (
      <div className="recovery-notice" data-testid="recovery-notice" data-status="pending" role="status">
        <p className="recovery-text">{t('recovery.pending')}</p>
      </div>
    );
  }

  const first = recovery.dropped[0];
  const undone = first ? t('recovery.undone', { cause: refusalCause(first, t) }) : t('recovery.undoneGeneric');
  return (
    <div className="recovery-notice" data-testid="recovery-notice" data-status="done" data-kept={recovery.kept} data-dropped={recovery.dropped.length} role="status">
      <p className="recovery-text">
        {undone}
        {recovery.kept > 0 && <> {tn('recovery.kept', recovery.kept)}</>}
      </p>
      <button type="button" className="btn btn-quiet btn-small" onClick={() => setHidden(true)} aria-label={t('dialog.close')} title={t('dialog.close')}>
        <CloseIcon />
      </button>
    </div>
  );
}
