import { memo, useRef, useState, type PointerEvent } from 'react';
import { NOTE_COLORS, NOTE_TEXT_COLOR } from '../../shared/palette.js';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema.js';
import { NoteEditor } from '../board/NoteEditor.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Drafts } from './useDrafts.js';

/** Pointer travel (screen px) before a press on a draft becomes a drag rather than a click. */
const DRAG_SLOP_PX = 4;

interface DraftDrag {
  id: string;
  pointerId: number;
  from: { x: number; y: number };
  zoom: number;
  dx: number;
  dy: number;
  moved: boolean;
}

/**
 * This participant's drafts on the canvas, marked "Draft", with a dashed edge: visibly not yet
 * on the shared board. Click to write, drag to move, Delete to drop one. They land where they
 * lie when revealed.
 */
export const DraftLayer = memo(function DraftLayer({ drafts }: { drafts: Drafts }) {
  const { t } = useI18n();
  const drag = useRef<DraftDrag | null>(null);
  const [offset, setOffset] = useState<{ id: string; dx: number; dy: number } | null>(null);
  // A click ends every press; after a drag it must not open the editor.
  const justDragged = useRef(false);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>, id: string) => {
    justDragged.current = false;
    if (drafts.editingId === id || (e.pointerType === 'mouse' && e.button !== 0)) return;
    if (e.target instanceof Element && e.target.closest('button, textarea')) return;
    // The layer is scaled by the board's zoom (see Canvas): screen pixels / zoom = board units.
    const zoom = Number(getComputedStyle(e.currentTarget).getPropertyValue('--zoom')) || 1;
    drag.current = { id, pointerId: e.pointerId, from: { x: e.clientX, y: e.clientY }, zoom, dx: 0, dy: 0, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    d.dx = (e.clientX - d.from.x) / d.zoom;
    d.dy = (e.clientY - d.from.y) / d.zoom;
    if (!d.moved && Math.hypot(e.clientX - d.from.x, e.clientY - d.from.y) < DRAG_SLOP_PX) return;
    d.moved = true;
    setOffset({ id: d.id, dx: d.dx, dy: d.dy });
  };
  const onPointerEnd = (e: PointerEvent<HTMLDivElement>, commit: boolean) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = null;
    setOffset(null);
    if (!d.moved) return;
    justDragged.current = true;
    const draft = drafts.drafts.find((x) => x.id === d.id);
    if (commit && draft) drafts.move(d.id, { x: Math.round(draft.pos.x + d.dx), y: Math.round(draft.pos.y + d.dy) });
  };

  return (
    <>
      {drafts.drafts.map((d) => {
        const editing = drafts.editingId === d.id;
        const shift = offset?.id === d.id ? offset : null;
        return (
          <div
            key={d.id}
            className={editing ? 'note is-draft is-editing' : shift ? 'note is-draft is-dragging' : 'note is-draft'}
            data-testid="draft"
            data-draft-id={d.id}
            role="group"
            tabIndex={0}
            aria-roledescription={t('draft.roleDescription')}
            aria-label={d.text.trim() ? t('draft.label', { text: d.text.slice(0, 80) }) : t('draft.empty')}
            style={{ left: d.pos.x + (shift?.dx ?? 0), top: d.pos.y + (shift?.dy ?? 0), width: NOTE_WIDTH, height: NOTE_HEIGHT, backgroundColor: NOTE_COLORS[d.color], color: NOTE_TEXT_COLOR }}
            onPointerDown={(e) => onPointerDown(e, d.id)}
            onPointerMove={onPointerMove}
            onPointerUp={(e) => onPointerEnd(e, true)}
            onPointerCancel={(e) => onPointerEnd(e, false)}
            onClick={(e) => {
              if (justDragged.current) {
                justDragged.current = false;
                return;
              }
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
            {/* The icon is drawn by .note-delete's stylesheet, as on a note card. */}
            <button type="button" className="note-delete" data-testid="draft-delete" aria-label={t('draft.delete')} title={t('draft.delete')} onClick={() => drafts.remove(d.id)} />
          </div>
        );
      })}
    </>
  );
});
