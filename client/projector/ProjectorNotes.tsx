import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { NOTE_COLORS, NOTE_TEXT_COLOR } from '../../shared/palette.js';
import { NOTE_HEIGHT, NOTE_WIDTH, type Note, type Team } from '../../shared/schema.js';
import { fitNotes, MAX_ZOOM } from '../board/viewport.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { TeamTag } from '../teams/TeamTag.js';

interface Props {
  notes: readonly Note[];
  teams: readonly Team[];
}

const StaticNote = memo(function StaticNote({ note, team }: { note: Note; team: Team | undefined }) {
  const { t } = useI18n();
  const author = note.authorName || (note.author === 'facilitator' ? t('role.facilitator') : '');
  return (
    <div
      className="note projector-note"
      data-testid="note"
      data-note-id={note.id}
      style={{ left: note.pos.x, top: note.pos.y, width: NOTE_WIDTH, height: NOTE_HEIGHT, backgroundColor: NOTE_COLORS[note.color], color: NOTE_TEXT_COLOR }}
    >
      <div className="note-text" data-testid="note-text">{note.text}</div>
      {(author || team) && (
        <div className="note-footer">
          {team && <TeamTag team={team} />}
          {author && <span className="note-author">{author}</span>}
        </div>
      )}
    </div>
  );
});

/**
 * The live board, read-only and always framed to show every note: nobody is at the projector
 * to pan it. Plain elements, no drag and drop, no focus stops.
 */
export function ProjectorNotes({ notes, teams }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const teamById = useMemo(() => new Map(teams.map((tm) => [tm.id, tm])), [teams]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Refit on every change: a new note at the edge must come into view without anyone touching the projector.
  const viewport = useMemo(() => fitNotes(notes.map((n) => n.pos), size.width, size.height, MAX_ZOOM), [notes, size]);

  return (
    <div ref={ref} className="projector-board" role="region" aria-label={t('projector.boardLabel', { count: notes.length })}>
      {notes.length === 0 ? (
        <p className="projector-empty">{t('projector.empty')}</p>
      ) : (
        <div className="board-layer" style={{ transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` }}>
          {notes.map((n) => (
            <StaticNote key={n.id} note={n} team={teamById.get(n.team)} />
          ))}
        </div>
      )}
    </div>
  );
}
