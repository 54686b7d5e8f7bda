import { useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { MAX_TITLE } from '../../shared/schema.js';
import { runCommand } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { EditForm } from '../ui/EditForm.js';
import { PencilIcon } from '../ui/icons.js';

interface Props {
  boardId: BoardId;
  title: string;
  /** The facilitator's token; null shows the title as plain text. */
  token: string | null;
}

/**
 * The board title, renamed in place by the facilitator. The server writes it (setTitle), so
 * after saving the heading shows the document's title, the same one everyone else sees.
 */
export function TitleEditor({ boardId, title, token }: Props) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [failed, setFailed] = useState(false);
  const shown = title || t('board.untitled');

  if (!token) {
    return <h1 className="board-title" data-testid="board-title" title={shown}>{shown}</h1>;
  }

  if (!editing) {
    return (
      <h1 className="board-title" data-testid="board-title">
        <button
          type="button"
          className="title-button"
          title={t('title.rename')}
          onClick={() => {
            setFailed(false);
            setEditing(true);
          }}
        >
          <span className="title-text">{shown}</span>
          <PencilIcon />
        </button>
        {failed && <span className="inline-error" role="alert">{t('title.failed')}</span>}
      </h1>
    );
  }

  return (
    <EditForm
      name="title"
      label={t('title.label')}
      initial={title}
      maxLength={MAX_TITLE}
      placeholder={t('title.placeholder')}
      autoComplete="off"
      onDone={(value) => {
        setEditing(false);
        const next = value?.trim();
        if (next === undefined || next === title) return;
        void runCommand(boardId, token, { type: 'setTitle', title: next }).then((r) => setFailed(r === null));
      }}
    />
  );
}
