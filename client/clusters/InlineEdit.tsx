import { useEffect, useRef, useState, type ElementType, type KeyboardEvent } from 'react';

interface Props {
  value: string;
  /** Shown (and spoken) when the value is empty. */
  placeholder: string;
  /** The field's accessible name while editing. */
  label: string;
  /** What the button does, e.g. "Rename category X": its tooltip and accessible description. */
  editLabel: string;
  canEdit: boolean;
  onSave: (value: string) => void;
  maxLength: number;
  multiline?: boolean;
  /** Open in edit mode once, on mount (a category just created wants its name). */
  autoEdit?: boolean;
  /** The element that holds the text: a heading in the outline, a plain line on a frame. */
  as?: ElementType;
  className?: string;
  testId?: string;
  /** On the element holding the text, e.g. for a section's aria-labelledby. */
  id?: string;
}

/**
 * Text that its writers edit in place: a button showing the text, which becomes a field on
 * click or Enter. Enter or leaving the field saves; Escape cancels. Readers who may not edit
 * see plain text. The field keeps pointer presses to itself, so selecting text inside a
 * draggable frame never starts moving the frame.
 */
export function InlineEdit(p: Props) {
  const [draft, setDraft] = useState<string | null>(p.autoEdit && p.canEdit ? p.value : null);
  // Escape unmounts the field, which fires blur after it: the guard keeps that blur from saving.
  const done = useRef(false);
  const button = useRef<HTMLButtonElement | null>(null);
  const refocus = useRef(false);
  const Tag = p.as ?? 'span';
  const shown = p.value || p.placeholder;

  useEffect(() => {
    if (draft === null && refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [draft]);

  if (!p.canEdit) {
    return (
      <Tag id={p.id} className={p.className} data-testid={p.testId} data-empty={p.value ? undefined : ''}>
        {shown}
      </Tag>
    );
  }

  if (draft === null) {
    return (
      <Tag id={p.id} className={p.className} data-testid={p.testId} data-empty={p.value ? undefined : ''}>
        <button
          ref={button}
          type="button"
          className="inline-edit-button"
          // Named by its text, so a heading holding it reads as the category's name, not as "Rename…".
          title={p.editLabel}
          onClick={() => {
            done.current = false;
            setDraft(p.value);
          }}
        >
          {shown}
        </button>
      </Tag>
    );
  }

  const finish = (save: boolean, byKeyboard: boolean) => {
    if (done.current) return;
    done.current = true;
    refocus.current = byKeyboard;
    if (save && draft.trim() !== p.value) p.onSave(draft);
    setDraft(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    // Keys typed here belong to the field, not to the board's shortcuts or a drag.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      finish(false, true);
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      finish(true, true);
    }
  };
  const field = {
    className: 'inline-edit-field',
    value: draft,
    maxLength: p.maxLength,
    placeholder: p.placeholder,
    'aria-label': p.label,
    autoFocus: true,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onKeyDown,
    onBlur: () => finish(true, false),
    onPointerDown: (e: { stopPropagation: () => void }) => e.stopPropagation(),
    onFocus: (e: { target: HTMLInputElement | HTMLTextAreaElement }) => e.target.select(),
  };
  return (
    <Tag id={p.id} className={`${p.className ?? ''} is-editing`} data-testid={p.testId}>
      {p.multiline ? <textarea rows={3} {...field} /> : <input type="text" autoComplete="off" {...field} />}
    </Tag>
  );
}
