import { useRef, useState, type FormEvent } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { MAX_TITLE } from '../../shared/schema.js';
import { runCommand } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
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
  const [draft, setDraft] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  // Escape unmounts the input, which can fire blur after it: the guard keeps that blur from saving.
  const done = useRef(false);
  const shown = title || t('board.untitled');

  if (!token) {
    return <h1 className="board-title" data-testid="board-title">{shown}</h1>;
  }

  if (draft === null) {
    return (
      <h1 className="board-title" data-testid="board-title">
        <button
          type="button"
          className="title-button"
          title={t('title.rename')}
          onClick={() => {
            done.current = false;
            setFailed(false);
            setDraft(title);
          }}
        >
          <span className="title-text">{shown}</span>
          <PencilIcon />
        </button>
        {failed && <span className="inline-error" role="alert">{t('title.failed')}</span>}
      </h1>
    );
  }

  const save = () => {
    if (done.current) return;
    done.current = true;
    const next = draft.trim();
    setDraft(null);
    if (next === title) return;
    void runCommand(boardId, token, { type: 'setTitle', title: next }).then((r) => setFailed(r === null));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save();
  };

  return (
    <form className="title-form" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="title-input">
        {t('title.label')}
      </label>
      <input
        id="title-input"
        data-testid="title-input"
        value={draft}
        maxLength={MAX_TITLE}
        placeholder={t('title.placeholder')}
        autoFocus
        autoComplete="off"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          done.current = true;
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
