import { useId } from 'react';
import type { Note, Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { TeamTag } from '../teams/TeamTag.js';

interface Props {
  note: Note;
  team: Team | undefined;
  canMove: boolean;
  onMoveTo: (id: string) => void;
}

/** One note as a list item: its text, who posted it, and "Move to…" for those who may sort it. */
export function OutlineNote({ note, team, canMove, onMoveTo }: Props) {
  const { t } = useI18n();
  const textId = useId();
  const author = note.authorName || (note.author === 'facilitator' ? t('role.facilitator') : '');
  return (
    <li className="outline-note" data-testid="outline-note" data-note-id={note.id}>
      <div className="outline-note-body">
        <p id={textId} className="outline-note-text">{note.text.trim() || t('note.empty')}</p>
        {(author || team) && (
          <p className="outline-note-meta">
            {team && <TeamTag team={team} />}
            {author && <span className="outline-note-author">{author}</span>}
          </p>
        )}
      </div>
      {canMove && (
        <button
          type="button"
          className="btn btn-small outline-move"
          data-testid="move-to"
          aria-haspopup="dialog"
          // "Move to…" alone is ambiguous in a list of them: the note's text describes which one.
          aria-describedby={textId}
          onClick={() => onMoveTo(note.id)}
        >
          {t('moveTo.button')}
        </button>
      )}
    </li>
  );
}
