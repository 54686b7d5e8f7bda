/**
 * A first visit to a board opens its socket while the page is still starting, before React has
 * rendered anything: the socket's handshake and the board's first sync (hundreds of KB for a big
 * board) then overlap with building the page instead of following it. The board view takes the
 * session over (takeEarlySession) when it asks for the same board, epoch and token; one nobody
 * takes, or one the server has already refused for good, is closed.
 *
 * Only a first visit on this device (no offline copy) with a token that names its epoch: that is
 * when useBoardDoc would open the socket at once anyway. A device with a copy waits for the copy.
 */
import type { BoardId } from '../../shared/ids.js';
import type { Access } from '../access/claims.js';
import { cachedEpoch } from './offlineCopy.js';
import { openBoardSession, type BoardSession } from './session.js';

/** A session the page has not taken by then is closed (the page went elsewhere). */
const UNCLAIMED_MS = 10_000;

interface Early { session: BoardSession; token: string; timer: ReturnType<typeof setTimeout> }
let early: Early | null = null;

/** Take the early session out of its slot (the caller uses or destroys it). */
function take(): Early | null {
  const e = early;
  early = null;
  if (e) clearTimeout(e.timer);
  return e;
}

export function openEarlySession(boardId: BoardId, access: Access | null): void {
  if (!access?.epoch || cachedEpoch(boardId) !== null) return;
  take()?.session.destroy();
  const session = openBoardSession(boardId, access.epoch, access.token, { offlineCopyFirst: false });
  early = { session, token: access.token, timer: setTimeout(() => take()?.session.destroy(), UNCLAIMED_MS) };
}

/** The session opened early for exactly this board, epoch and token, if it is still usable. */
export function takeEarlySession(boardId: BoardId, epoch: string, token: string): BoardSession | null {
  const e = take();
  if (!e) return null;
  const s = e.session;
  // A terminal close (refused token, reset board) stops the provider; a new session meets it again and reports it.
  if (s.boardId === boardId && s.epoch === epoch && e.token === token && s.provider.shouldConnect) return s;
  s.destroy();
  return null;
}
