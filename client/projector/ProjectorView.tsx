import { useEffect } from 'react';
import type { BoardId } from '../../shared/ids.js';
import type { Access } from '../access/claims.js';
import { useSessionInfo } from '../access/useSessionInfo.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { ProjectorSession } from '../sync/projectorSession.js';
import { useBoardMeta } from '../sync/useBoardMeta.js';
import { useConnection } from '../sync/useConnection.js';
import { useBoardContent } from '../sync/useBoardContent.js';
import { LockIcon } from '../ui/icons.js';
import { ProjectorJoin } from './ProjectorJoin.js';
import { ProjectorNotes } from './ProjectorNotes.js';
import { usePeopleCount } from './usePeopleCount.js';

/** The join code can rotate at any time; the room should see the new one within this long. */
const CODE_POLL_MS = 15_000;

interface Props {
  boardId: BoardId;
  access: Access;
  session: ProjectorSession;
}

/**
 * The board for a room: read from across it at 1920×1080, so large type and strong contrast,
 * and nothing to click. Everything on it follows the document and the server.
 */
export function ProjectorView({ boardId, access, session }: Props) {
  const { t, tn } = useI18n();
  const meta = useBoardMeta(session.doc);
  const content = useBoardContent(session.doc);
  const { notes } = content;
  const connection = useConnection(session.provider);
  const people = usePeopleCount(session.provider.awareness);
  const { info } = useSessionInfo(boardId, access.token, CODE_POLL_MS);
  const title = meta.title || t('board.untitled');

  useEffect(() => {
    document.title = `${title} · ${t('role.projector')} · ${t('app.name')}`;
  }, [title, t]);

  return (
    <div className="projector" data-testid="projector">
      <header className="projector-header">
        <div className="projector-heading">
          <h1 className="projector-title" data-testid="board-title">{title}</h1>
          {meta.problem && <p className="projector-problem" data-testid="problem-of-practice">{meta.problem}</p>}
        </div>
        <div className="projector-status">
          <p className="projector-phase" data-testid="phase" data-phase={meta.phase}>
            <span className="projector-phase-label">{t('phase.label')}</span>
            <strong>{t(`phase.${meta.phase}`)}</strong>
          </p>
          {meta.locked && (
            <p className="projector-locked" data-testid="locked-indicator">
              <LockIcon />
              {t('lock.badge')}
            </p>
          )}
        </div>
      </header>
      <main className="projector-main">
        <ProjectorNotes content={content} teams={meta.teams} />
        <ProjectorJoin joinCode={info?.joinCode ?? null} joinUrl={info?.joinUrl ?? null} />
      </main>
      <footer className="projector-footer">
        <span>{tn('board.noteCount', notes.length)}</span>
        <span>{tn('presence.count', people)}</span>
        {meta.teams.length > 0 && (
          <span className="projector-teams">
            {meta.teams.map((tm) => (
              <span key={tm.id} className="projector-team">
                <span className="team-swatch" style={{ backgroundColor: tm.color }} aria-hidden="true" />
                {tm.name}
              </span>
            ))}
          </span>
        )}
        {/* A projector that lost its connection shows a frozen board; the room should know. */}
        <span className="projector-conn" data-testid="connection-status" data-status={connection.status} role="status">
          {connection.status !== 'connected' && (connection.wasConnected ? t('conn.reconnecting') : t('conn.connecting'))}
        </span>
      </footer>
    </div>
  );
}
