import { memo, useEffect, useMemo, useRef, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { NOTE_COLORS, NOTE_EDGE_COLORS, NOTE_TEXT_COLOR, type NoteColor } from '../../shared/palette.js';
import { NOTE_HEIGHT, NOTE_WIDTH, type Note, type Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { TeamTag } from '../teams/TeamTag.js';
import { MoveToIcon } from '../ui/icons.js';
import { compactText } from './compactText.js';
import { useNoteDrag } from './NoteDragLayer.js';
import { NoteEditor } from './NoteEditor.js';
import { NotePalette } from './NotePalette.js';

/** Stable callbacks from the board; one object so memoized cards do not re-render on each board render. */
export interface NoteActions {
  select: (id: string) => void;
  edit: (id: string) => void;
  commit: (id: string, text: string) => void;
  stopEditing: () => void;
  remove: (id: string) => void;
  recolor: (id: string, color: NoteColor) => void;
  /** Open "Move to…" for this note. */
  openMoveTo: (id: string) => void;
  /** Hide or show a note (facilitator moderation). */
  setHidden: (id: string, hidden: boolean) => void;
}

export interface NotePermissions {
  edit: boolean;
  move: boolean;
  remove: boolean;
}

export interface NoteCardProps {
  note: Note;
  /** Where the note is on the board (inside a category its stored position is relative). */
  x: number;
  y: number;
  /** The name of the category it is in, '' when unsorted. */
  clusterName: string;
  selected: boolean;
  editing: boolean;
  /**
   * Zoomed out too far to read a byline or hit a corner button: draw just the note (colour and
   * text). A selected, edited, dragged or hidden note keeps everything. A thousand notes with
   * their bylines and buttons made every frame of a busy board several times slower.
   */
  compact: boolean;
  actions: NoteActions;
  /** Separate booleans rather than one object, so memo compares them by value. */
  canEdit: boolean;
  canMove: boolean;
  canDelete: boolean;
  /** The facilitator: may hide or show the note (moderation). */
  canModerate: boolean;
  /** The author's team, when it is one the board still has. */
  team: Team | undefined;
  /** Another team is highlighted: this note steps back. */
  dimmed: boolean;
}

const isOnControl = (e: { target: EventTarget }): boolean =>
  e.target instanceof Element && e.target.closest('button, textarea') !== null;

/**
 * A note. It is dragged through the board layer's one draggable (NoteDragLayer), so a drag
 * starting or ending anywhere re-renders only the note it moves.
 */
export const NoteCard = memo(function NoteCard({
  note, x, y, clusterName, selected, editing, compact, actions, canEdit, canMove, canDelete, canModerate, team, dimmed,
}: NoteCardProps) {
  const { t } = useI18n();
  const { isDragging, offset, describedBy } = useNoteDrag(note.id);
  const nodeRef = useRef<HTMLDivElement | null>(null);
  const refocus = useRef(false);

  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      nodeRef.current?.focus({ preventScroll: true });
    }
  }, [editing]);

  // Space has already been offered to the drag (the layer listens in the capture phase).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.defaultPrevented || e.target !== e.currentTarget) return;
    if (e.key === 'Enter' && canEdit) {
      e.preventDefault();
      actions.edit(note.id);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && canDelete) {
      e.preventDefault();
      actions.remove(note.id);
    } else if (e.key === 'Escape') {
      nodeRef.current?.blur();
    }
  };

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    if (isOnControl(e)) return;
    actions.select(note.id);
    if (canEdit) actions.edit(note.id);
  };

  const author = note.authorName || (note.author === 'facilitator' ? t('role.facilitator') : '');
  const noteLabel = useMemo(() => {
    const text = note.text.trim();
    const name = text ? text.slice(0, 80) : t('note.empty');
    const byline = author && team ? t('note.authorTeam', { author, team: team.name }) : author || team?.name || '';
    const ownLabel = byline ? t('note.label', { text: name, author: byline }) : name;
    const placedLabel = clusterName ? t('note.inCategory', { label: ownLabel, category: clusterName }) : ownLabel;
    return note.hidden ? t('moderation.hiddenLabel', { label: placedLabel }) : placedLabel;
  }, [note.text, note.hidden, author, team, clusterName, t]);
  const movable = canMove && !editing;
  const full = !compact || selected || editing || isDragging || note.hidden;
  const classes = ['note', !full && 'is-compact', selected && 'is-selected', editing && 'is-editing', isDragging && 'is-dragging', !canMove && 'is-fixed', dimmed && 'is-dimmed', note.hidden && 'is-hidden']
    .filter(Boolean)
    .join(' ');
  const style: CSSProperties & Record<'--note-edge', string> = {
    left: x,
    top: y,
    width: NOTE_WIDTH,
    height: NOTE_HEIGHT,
    backgroundColor: NOTE_COLORS[note.color],
    // The bottom edge of a zoomed-out note (see .note.is-compact in canvas.css).
    '--note-edge': NOTE_EDGE_COLORS[note.color],
    color: NOTE_TEXT_COLOR,
    // The drag delta is in screen pixels; the note lives inside the zoomed layer (--zoom is
    // set there, so a zoom re-renders no card).
    transform: offset ? `translate3d(calc(${offset.x}px / var(--zoom)), calc(${offset.y}px / var(--zoom)), 0)` : undefined,
  };

  return (
    <div
      ref={nodeRef}
      className={classes}
      data-testid="note"
      data-note-id={note.id}
      data-drag-note={movable ? '' : undefined}
      data-color={note.color}
      data-hidden={note.hidden || undefined}
      role="group"
      tabIndex={0}
      aria-roledescription={t('note.roleDescription')}
      aria-describedby={movable ? describedBy : undefined}
      aria-label={noteLabel}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onFocus={(e) => e.target === e.currentTarget && actions.select(note.id)}
      onDoubleClick={(e) => e.stopPropagation()}
      style={style}
    >
      <NoteBody
        note={note}
        author={author}
        team={team}
        full={full}
        editing={editing}
        tools={selected && (canEdit || canMove) && !isDragging}
        actions={actions}
        canEdit={canEdit}
        canMove={canMove}
        canDelete={canDelete}
        canModerate={canModerate}
        refocus={refocus}
      />
    </div>
  );
});

interface BodyProps {
  note: Note;
  author: string;
  team: Team | undefined;
  /** Byline and corner buttons (see Props.compact). */
  full: boolean;
  editing: boolean;
  /** The selected note's screen-sized palette and "Move to…". */
  tools: boolean;
  actions: NoteActions;
  canEdit: boolean;
  canMove: boolean;
  canDelete: boolean;
  canModerate: boolean;
  /** Set when the editor closes by keyboard: the card takes the focus back. */
  refocus: { current: boolean };
}

/** What is inside a note. Its own memo: the dragged card re-renders on every pointer move, its body does not. */
const NoteBody = memo(function NoteBody({ note, author, team, full, editing, tools, actions, canEdit, canMove, canDelete, canModerate, refocus }: BodyProps) {
  const { t } = useI18n();
  return (
    <>
      {editing ? (
        <NoteEditor
          initial={note.text}
          onCommit={(value, byKeyboard) => {
            refocus.current = byKeyboard;
            actions.commit(note.id, value);
          }}
          onCancel={() => {
            refocus.current = true;
            actions.stopEditing();
          }}
        />
      ) : (
        <div className="note-text" data-testid="note-text" data-placeholder={t('note.empty')}>
          {full ? note.text : compactText(note.text)}
        </div>
      )}
      {full && (author || team || note.hidden) && (
        <div className="note-footer">
          {note.hidden && <span className="hidden-tag">{t('moderation.hiddenTag')}</span>}
          {team && <TeamTag team={team} />}
          {author && <span className="note-author">{author}</span>}
        </div>
      )}
      {/* The icons of these three buttons are drawn by CSS (canvas.css): one fewer SVG per note each. */}
      {full && canModerate && !editing && (
        <button
          type="button"
          className="note-hide"
          data-testid="note-hide"
          aria-pressed={note.hidden}
          aria-label={note.hidden ? t('moderation.show') : t('moderation.hide')}
          title={note.hidden ? t('moderation.showHint') : t('moderation.hideHint')}
          onClick={() => actions.setHidden(note.id, !note.hidden)}
        />
      )}
      {full && canDelete && (
        <button
          type="button"
          className="note-delete"
          data-testid="delete-note"
          aria-label={t('note.delete')}
          title={t('note.delete')}
          onClick={() => actions.remove(note.id)}
        />
      )}
      {full && canMove && !editing && (
        <button
          type="button"
          className="note-move-to"
          data-testid="move-to"
          aria-label={t('moveTo.button')}
          aria-haspopup="dialog"
          title={t('moveTo.button')}
          onClick={() => actions.openMoveTo(note.id)}
        />
      )}
      {tools && (
        // Screen-sized whatever the zoom: on a phone showing the whole board, the note's own
        // corner button is a few pixels wide, so a selected note offers "Move to…" here too.
        <div className="note-tools">
          {canEdit && <NotePalette current={note.color} onPick={(c) => actions.recolor(note.id, c)} />}
          {canMove && (
            <button type="button" className="btn btn-small note-tools-move" data-testid="move-to-tools" aria-haspopup="dialog" onClick={() => actions.openMoveTo(note.id)}>
              <MoveToIcon />
              {t('moveTo.button')}
            </button>
          )}
        </div>
      )}
    </>
  );
});
