import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { NOTE_COLORS, NOTE_TEXT_COLOR } from '../../shared/palette.js';
import { NOTE_HEIGHT, NOTE_WIDTH, type Note, type Team } from '../../shared/schema.js';
import { noteId, useChunker } from '../board/noteChunks.js';
import { NoteGroup } from '../board/NoteGroup.js';
import { useElementCache } from '../board/elementCache.js';
import { fitBox, MAX_ZOOM } from '../board/viewport.js';
import { contentBox } from '../clusters/placement.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { followViewport, type SharedView } from '../follow/sharedView.js';
import { boardPos, type BoardContent } from '../sync/useBoardContent.js';
import { TeamTag } from '../teams/TeamTag.js';
import { ProjectorFrame } from './ProjectorFrame.js';

interface Props {
  content: BoardContent;
  teams: readonly Team[];
  /** The facilitator's view while "follow me" is on: shown instead of the whole board. */
  follow: SharedView | null;
}

const StaticNote = memo(function StaticNote({ note, x, y, team }: { note: Note; x: number; y: number; team: Team | undefined }) {
  const { t } = useI18n();
  const author = note.authorName || (note.author === 'facilitator' ? t('role.facilitator') : '');
  return (
    <div
      className="note projector-note"
      data-testid="note"
      data-note-id={note.id}
      style={{ left: x, top: y, width: NOTE_WIDTH, height: NOTE_HEIGHT, backgroundColor: NOTE_COLORS[note.color], color: NOTE_TEXT_COLOR }}
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
 * The live board, read-only and framed to show every note and category (nobody is at the
 * projector to pan it), or what the facilitator shows while "follow me" is on. Plain elements,
 * no drag and drop, no focus stops.
 */
export function ProjectorNotes({ content, teams, follow }: Props) {
  const { t } = useI18n();
  const { notes, clusters, clusterById, counts } = content;
  const ref = useRef<HTMLDivElement | null>(null);
  const chunker = useChunker();
  const cards = useElementCache();
  const [size, setSize] = useState({ width: 0, height: 0 });
  const teamById = useMemo(() => new Map(teams.map((tm) => [tm.id, tm])), [teams]);
  const positions = useMemo(() => new Map(notes.map((n) => [n.id, boardPos(n, clusterById)])), [notes, clusterById]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Refit on every change: a new note at the edge must come into view without anyone touching the projector.
  const viewport = useMemo(
    () => (follow && size.width > 0 ? followViewport(follow, size.width, size.height) : fitBox(contentBox([...positions.values()], clusters), size.width, size.height, MAX_ZOOM)),
    [follow, positions, clusters, size],
  );
  const empty = notes.length === 0 && clusters.length === 0;

  return (
    <div ref={ref} className="projector-board" data-following={follow ? '' : undefined} role="region" aria-label={t('projector.boardLabel', { count: notes.length })}>
      {empty ? (
        <p className="projector-empty">{t('projector.empty')}</p>
      ) : (
        <div className="board-layer" style={{ transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` }}>
          {clusters.map((c) => (
            <ProjectorFrame key={c.id} cluster={c} counts={counts.get(c.id)} teams={teams} />
          ))}
          {chunker.group(notes, noteId).map((chunk) => (
            <NoteGroup
              key={chunk.key}
              notes={chunk.items.map((n) => {
                const at = positions.get(n.id) ?? n.pos;
                return cards.card(n.id, { note: n, x: at.x, y: at.y, team: teamById.get(n.team) }, (p) => <StaticNote key={n.id} {...p} />);
              })}
            />
          ))}
          {cards.prune(notes.length)}
        </div>
      )}
    </div>
  );
}
