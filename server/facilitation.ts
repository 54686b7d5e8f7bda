/**
 * Facilitation commands: anonymous and silent modes, the timer, "follow me", and the draft
 * counts of a silent brainstorm (how many notes each person has drafted, never their text).
 */
import type * as Y from 'yjs';
import { removeAwarenessStates } from 'y-protocols/awareness';
import type { BoardId } from '../shared/ids.js';
import { selectTimer, setFlag, setTimer } from '../shared/meta.js';
import { getNotes } from '../shared/schema.js';
import { SERVER_ORIGIN } from '../shared/origins.js';
import { addTime, newTimer, pauseTimer, resetTimer, startTimer, ONE_MINUTE_MS } from '../shared/timer.js';
import { HttpError } from './http.js';
import { bodyField, openRoom } from './request.js';
import type { Hub } from './hub.js';


/** Drafted-note counts per board and participant, in memory: they are live signals, not data to keep. */
export class DraftCounts {
  private readonly boards = new Map<BoardId, Map<string, { name: string; team: string; count: number }>>();
  set(board: BoardId, who: { id: string; name: string; team: string }, count: number): void {
    let m = this.boards.get(board);
    if (!m) this.boards.set(board, (m = new Map()));
    m.set(who.id, { name: who.name, team: who.team, count });
  }
  list(board: BoardId): Array<{ id: string; name: string; team: string; count: number }> {
    return [...(this.boards.get(board) ?? new Map())].map(([id, v]) => ({ id, ...v }));
  }
  clear(board: BoardId): void {
    this.boards.delete(board);
  }
}

const COMMANDS = ['setAnonymous', 'setSilent', 'revealDrafts', 'setFollowMe', 'timerSet', 'timerStart', 'timerPause', 'timerAddMinute', 'timerReset'];

/** Run a facilitation command; null when `type` is not one. The caller has checked the facilitator token. */
export async function facilitationCommand(hub: Hub, drafts: DraftCounts, id: BoardId, type: unknown, body: unknown): Promise<Record<string, unknown> | null> {
  if (typeof type !== 'string' || !COMMANDS.includes(type)) return null;
  const room = await openRoom(hub, id);
  const doc = room.doc;
  const now = Date.now();
  const flag = (key: string): boolean => {
    const v = bodyField(body, key);
    if (typeof v !== 'boolean') throw new HttpError(400, `${key} must be true or false`);
    return v;
  };
  switch (type) {
    case 'setAnonymous': {
      const on = flag('on');
      doc.transact(() => {
        setFlag(doc, 'anonymous', on);
        // Names already on notes are removed from the board's current state (and garbage
        // collected from what new joiners receive).
        if (on) stripAuthorNames(doc);
      }, SERVER_ORIGIN);
      // Presence switches between real and aliased ids: drop it all; clients re-announce.
      removeAwarenessStates(room.awareness, [...room.awareness.getStates().keys()], null);
      return { anonymous: on };
    }
    case 'setSilent': {
      const on = flag('on');
      setFlag(doc, 'silent', on);
      if (!on) drafts.clear(id);
      return { silent: on };
    }
    case 'revealDrafts':
      setFlag(doc, 'silent', false);
      drafts.clear(id);
      return { silent: false };
    case 'setFollowMe':
      setFlag(doc, 'followMe', flag('on'));
      return { followMe: bodyField(body, 'on') };
    case 'timerSet': {
      const ms = bodyField(body, 'durationMs');
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) throw new HttpError(400, 'durationMs must be a positive number');
      setTimer(doc, newTimer(ms));
      return { timer: selectTimer(doc) };
    }
    case 'timerStart':
      setTimer(doc, startTimer(selectTimer(doc) ?? newTimer(), now));
      return { timer: selectTimer(doc), now };
    case 'timerPause':
      setTimer(doc, pauseTimer(selectTimer(doc) ?? newTimer(), now));
      return { timer: selectTimer(doc), now };
    case 'timerAddMinute':
      setTimer(doc, addTime(selectTimer(doc) ?? newTimer(), ONE_MINUTE_MS, now));
      return { timer: selectTimer(doc), now };
    case 'timerReset': {
      const t = selectTimer(doc) ?? newTimer();
      setTimer(doc, resetTimer(t));
      return { timer: selectTimer(doc), now };
    }
  }
  return null;
}

function stripAuthorNames(doc: Y.Doc): void {
  getNotes(doc).forEach((note) => {
    if (note.get('authorName')) note.set('authorName', '');
  });
}
