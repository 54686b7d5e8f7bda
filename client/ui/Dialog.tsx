import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { CloseIcon } from './icons.js';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** On the root, for tests and styles. */
  testId?: string;
  className?: string;
}

/**
 * A modal panel on the native <dialog>: the browser traps focus, closes on Escape, makes the
 * page behind inert and returns focus to the opener, with no focus-trap code of our own.
 */
export function Dialog({ title, onClose, children, testId, className }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement | null>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (!el.open) el.showModal();
    const onCancel = (e: Event) => {
      // Escape: let React unmount us rather than the browser closing a dialog React still renders.
      e.preventDefault();
      closeRef.current();
    };
    el.addEventListener('cancel', onCancel);
    return () => {
      el.removeEventListener('cancel', onCancel);
      if (el.open) el.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> element itself.
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div className="dialog-body">
        <header className="dialog-header">
          <h2 id={titleId} className="dialog-title">{title}</h2>
          <button type="button" className="btn btn-quiet dialog-close" onClick={onClose} aria-label={t('dialog.close')} title={t('dialog.close')}>
            <CloseIcon />
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}
