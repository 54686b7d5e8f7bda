import { useId, useRef, useState, type FormEvent } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { MAX_PROBLEM } from '../../shared/schema.js';
import { runCommand } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PencilIcon } from '../ui/icons.js';

interface Props {
  boardId: BoardId;
  problem: string;
  /** The facilitator's token; null shows the problem as plain text (nothing when there is none). */
  token: string | null;
}

/**
 * The problem of practice ("How might we …?") under the title: what everyone is brainstorming
 * for. The facilitator edits it in place; the server writes it (setProblem), so what shows after
 * saving is the document's text, the same everyone else and the projector see.
 */
export function ProblemEditor({ boardId, problem, token }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const inputId = useId();
  // Enter and the Save button can both fire for one save (Enter in a form submits it): save once.
  const done = useRef(false);

  if (!token) {
    if (!problem) return null;
    return (
      <p className="practice-line">
        <span className="practice-label">{t('practice.label')}</span>
        <span className="practice-text" data-testid="problem-of-practice" title={problem}>{problem}</span>
      </p>
    );
  }

  if (draft === null) {
    return (
      <div className="practice-line">
        <span className="practice-label">{t('practice.label')}</span>
        {problem && <span className="practice-text" data-testid="problem-of-practice" title={problem}>{problem}</span>}
        <button
          type="button"
          className="btn btn-small btn-quiet practice-edit"
          data-testid="problem-edit"
          title={problem ? t('practice.edit') : undefined}
          aria-label={problem ? t('practice.edit') : undefined}
          onClick={() => {
            done.current = false;
            setFailed(false);
            setDraft(problem);
          }}
        >
          <PencilIcon />
          {!problem && <span>{t('practice.add')}</span>}
        </button>
        {failed && <span className="inline-error" role="alert">{t('practice.failed')}</span>}
      </div>
    );
  }

  const save = () => {
    if (done.current) return;
    done.current = true;
    const next = draft.trim();
    setDraft(null);
    if (next === problem) return;
    void runCommand(boardId, token, { type: 'setProblem', problem: next }).then((r) => setFailed(r === null));
  };
  const cancel = () => {
    done.current = true;
    setDraft(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save();
  };

  return (
    <form className="practice-line practice-form" onSubmit={submit}>
      <label className="practice-label" htmlFor={inputId}>{t('practice.label')}</label>
      <textarea
        id={inputId}
        data-testid="problem-input"
        value={draft}
        rows={2}
        maxLength={MAX_PROBLEM}
        placeholder={t('practice.placeholder')}
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') cancel();
          // One line of text: Enter saves, as in the title; Shift+Enter is there for the rare line break.
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            save();
          }
        }}
      />
      <button type="submit" className="btn btn-small btn-primary" data-testid="problem-save">
        {t('practice.save')}
      </button>
      <button type="button" className="btn btn-small" onClick={cancel}>
        {t('practice.cancel')}
      </button>
    </form>
  );
}
