import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { CheckIcon, CopyIcon } from './icons.js';

/** How long "Copied" stays before the button reads "Copy" again. */
const COPIED_FEEDBACK_MS = 2_000;

interface Props {
  text: string;
  /** Spoken and shown as the tooltip: what is being copied ("Copy join link"). */
  label: string;
  testId?: string;
}

/** Copy to the clipboard with visible and spoken confirmation. */
export function CopyButton({ text, label, testId }: Props) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const id = setTimeout(() => setCopied(false), COPIED_FEEDBACK_MS);
    return () => clearTimeout(id);
  }, [copied]);

  const copy = () => {
    void navigator.clipboard?.writeText(text).then(() => setCopied(true), () => undefined);
  };

  return (
    <button type="button" className="btn btn-small copy-button" data-testid={testId} onClick={copy} title={label} aria-label={label}>
      {copied ? <CheckIcon /> : <CopyIcon />}
      <span aria-live="polite">{copied ? t('share.copied') : t('share.copy')}</span>
    </button>
  );
}
