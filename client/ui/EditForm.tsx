import { useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';

interface Props {
  /** Form class and field id / test id (e.g. "name" gives name-form, #name-input). */
  name: string;
  label: string;
  initial: string;
  maxLength: number;
  placeholder?: string;
  autoComplete: string;
  /** The field's text when saved (Enter, Save, leaving the field), null when cancelled (Escape). */
  onDone: (value: string | null) => void;
}

/**
 * A one-line field with a Save button, for renaming something in the header (your name, the
 * board title). Mounted only while editing; it reports once, however it ends.
 */
export function EditForm({ name, label, initial, maxLength, placeholder, autoComplete, onDone }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  // Escape unmounts the field, which can fire blur after it: the guard keeps that blur from saving.
  const done = useRef(false);
  const finish = (value: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(value);
  };
  const id = `${name}-input`;
  return (
    <form
      className={`${name}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        finish(draft);
      }}
    >
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        data-testid={id}
        value={draft}
        maxLength={maxLength}
        placeholder={placeholder}
        autoFocus
        autoComplete={autoComplete}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') finish(null);
        }}
        onBlur={() => finish(draft)}
      />
      <button type="submit" className="btn btn-small" onPointerDown={(e) => e.preventDefault()}>
        {t('identity.save')}
      </button>
    </form>
  );
}
