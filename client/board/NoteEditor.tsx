import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_NOTE_TEXT } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';

interface Props {
  initial: string;
  /** byKeyboard: the person pressed Enter, so focus should go back to the note. */
  onCommit: (text: string, byKeyboard: boolean) => void;
  onCancel: () => void;
}

/** Inline text editor: Enter saves, Shift+Enter breaks a line, Escape restores, blur saves. */
export function NoteEditor({ initial, onCommit, onCancel }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  // Escape unmounts the editor, and unmounting blurs it: without this the blur would save.
  const done = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const finish = (save: boolean, byKeyboard: boolean) => {
    if (done.current) return;
    done.current = true;
    if (save) onCommit(draft, byKeyboard);
    else onCancel();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Keys typed into the note must not reach the drag sensor or the board shortcuts.
    e.stopPropagation();
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      finish(true, true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      finish(false, true);
    }
  };

  return (
    <textarea
      ref={ref}
      className="note-editor"
      data-testid="note-editor"
      aria-label={t('note.editorLabel')}
      value={draft}
      maxLength={MAX_NOTE_TEXT}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => finish(true, false)}
      onPointerDown={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
    />
  );
}
