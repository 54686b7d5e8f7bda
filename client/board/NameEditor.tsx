import { useRef, useState, type FormEvent } from 'react';
import { MAX_NAME, type PresenceState } from '../../shared/schema.js';
import { displayName } from '../access/displayName.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Avatar } from '../ui/Avatar.js';
import { PencilIcon } from '../ui/icons.js';

interface Props {
  user: PresenceState['user'];
  /** Null when the name is fixed by the role (the facilitator): shown, not editable. */
  onRename: ((name: string) => void) | null;
}

/** Your display name, shown to others on your cursor, in the presence list and on new notes. */
export function NameEditor({ user, onRename }: Props) {
  const { t } = useI18n();
  const name = displayName(user, t);
  const { color } = user;
  const [draft, setDraft] = useState<string | null>(null);
  // Escape unmounts the input, which can fire blur after it: the guard keeps that blur from saving.
  const cancelled = useRef(false);

  if (!onRename) {
    return (
      <span className="name-button name-fixed" data-testid="my-name">
        <Avatar name={name} color={color} size="sm" />
        <span className="name-text">{name}</span>
      </span>
    );
  }

  if (draft === null) {
    return (
      <button
        type="button"
        className="name-button"
        data-testid="edit-name"
        aria-label={t('identity.editName', { name })}
        onClick={() => {
          cancelled.current = false;
          setDraft(name);
        }}
      >
        <Avatar name={name} color={color} size="sm" />
        <span className="name-text">{name}</span>
        <PencilIcon />
      </button>
    );
  }

  const save = () => {
    if (cancelled.current) return;
    cancelled.current = true;
    if (draft.trim() && draft.trim() !== name) onRename(draft.trim());
    setDraft(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save();
  };

  return (
    <form className="name-form" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="name-input">
        {t('identity.yourName')}
      </label>
      <input
        id="name-input"
        data-testid="name-input"
        value={draft}
        maxLength={MAX_NAME}
        autoFocus
        autoComplete="nickname"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          cancelled.current = true;
          setDraft(null);
        }}
        onBlur={save}
      />
      <button type="submit" className="btn btn-small" onPointerDown={(e) => e.preventDefault()}>
        {t('identity.save')}
      </button>
    </form>
  );
}
