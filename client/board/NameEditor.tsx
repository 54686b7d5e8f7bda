import { useState } from 'react';
import { MAX_NAME, type PresenceState } from '../../shared/schema.js';
import { displayName } from '../access/displayName.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Avatar } from '../ui/Avatar.js';
import { EditForm } from '../ui/EditForm.js';
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
  const [editing, setEditing] = useState(false);

  if (!onRename) {
    return (
      <span className="name-button name-fixed" data-testid="my-name">
        <Avatar name={name} color={color} size="sm" />
        <span className="name-text">{name}</span>
      </span>
    );
  }

  if (!editing) {
    return (
      <button
        type="button"
        className="name-button"
        data-testid="edit-name"
        aria-label={t('identity.editName', { name })}
        onClick={() => setEditing(true)}
      >
        <Avatar name={name} color={color} size="sm" />
        <span className="name-text">{name}</span>
        <PencilIcon />
      </button>
    );
  }

  return (
    <EditForm
      name="name"
      label={t('identity.yourName')}
      initial={name}
      maxLength={MAX_NAME}
      autoComplete="nickname"
      onDone={(value) => {
        setEditing(false);
        const next = value?.trim();
        if (next && next !== name) onRename(next);
      }}
    />
  );
}
