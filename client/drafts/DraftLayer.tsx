import { memo } from 'react';
import { NOTE_COLORS, NOTE_TEXT_COLOR } from '../../shared/palette.js';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema.js';
import { NoteEditor } from '../board/NoteEditor.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { TrashIcon } from '../ui/icons.js';
import type { Drafts } from './useDrafts.js';

/**
 * This participant's drafts on the canvas, marked "Draft", with a dashed edge: visibly not yet
 * on the shared board. Click to write, Delete to drop one. They sit where they were written and
 * land there when revealed.
 */
export const DraftLayer = memo(function DraftLayer({ drafts }: { drafts: Drafts }) {
  const { t } = useI18n();
  return (
    <>
      {drafts.drafts.map((d) => {
        const editing = drafts.editingId === d.id;
        return (
          <div
            key={d.id}
            className={editing ? 'note is-draft is-editing' : 'note is-draft'}
            data-testid="draft"
            data-draft-id={d.id}
            role="group"
            tabIndex={0}
            aria-roledescription={t('draft.roleDescription')}
            aria-label={d.text.trim() ? t('draft.label', { text: d.text.slice(0, 80) }) : t('draft.empty')}
            style={{ left: d.pos.x, top: d.pos.y, width: NOTE_WIDTH, height: NOTE_HEIGHT, backgroundColor: NOTE_COLORS[d.color], color: NOTE_TEXT_COLOR }}
            onClick={(e) => {
              if (!(e.target instanceof Element && e.target.closest('button, textarea'))) drafts.edit(d.id);
            }}
            onKeyDown={(e) => {
              if (e.target !== e.currentTarget) return;
              if (e.key === 'Enter') {
                e.preventDefault();
                drafts.edit(d.id);
              } else if (e.key === 'Delete' || e.key === 'Backspace') {
                e.preventDefault();
                drafts.remove(d.id);
              }
            }}
            onDoubleClick={(e) => e.stopPropagation()}
          >
            {editing ? (
              <NoteEditor initial={d.text} onCommit={(text) => drafts.commit(d.id, text)} onCancel={drafts.stopEditing} />
            ) : (
              <div className="note-text" data-testid="note-text" data-placeholder={t('note.empty')}>{d.text}</div>
            )}
            <div className="note-footer">
              <span className="draft-tag">{t('draft.tag')}</span>
            </div>
            <button type="button" className="note-delete" data-testid="draft-delete" aria-label={t('draft.delete')} title={t('draft.delete')} onClick={() => drafts.remove(d.id)}>
              <TrashIcon />
            </button>
          </div>
        );
      })}
    </>
  );
});
