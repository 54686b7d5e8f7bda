/**
 * Per-board access kept on this device: the token, the join code it came from (needed to
 * re-join under a new name), and for the facilitator the projector token (the server hands it
 * out once, at creation). localStorage, so closing the tab does not lose your seat, and so a
 * participant who reloads keeps the same id and still owns their notes.
 *
 * The projector's token is kept under its own key: a facilitator who opens the projector view
 * in another tab of the same browser must not lose the facilitator role to it.
 */
import type { BoardId } from '../../shared/ids.js';
import { readAccess, tokenFromFragment, type Access } from './claims.js';

const key = (board: BoardId): string => `charrette:access:${board}`;
const projectorKey = (board: BoardId): string => `charrette:projector:${board}`;

export interface StoredAccess {
  access: Access;
  joinCode: string | null;
  /** Facilitator only: the read-only projector token, to build the projector link. */
  projectorToken: string | null;
}

const isProjectorToken = (token: unknown, board: BoardId): token is string => {
  const a = readAccess(token);
  return a !== null && a.role === 'projector' && a.board === board;
};

export function loadAccess(board: BoardId): StoredAccess | null {
  try {
    const raw = localStorage.getItem(key(board));
    if (!raw) return null;
    const v = JSON.parse(raw) as { token?: unknown; joinCode?: unknown; projectorToken?: unknown };
    const access = readAccess(v.token);
    if (!access || access.board !== board) return null;
    return {
      access,
      joinCode: typeof v.joinCode === 'string' ? v.joinCode : null,
      projectorToken: isProjectorToken(v.projectorToken, board) ? v.projectorToken : null,
    };
  } catch {
    return null;
  }
}

/**
 * Keep `token` for `board`. A projector token is kept only beside a facilitator's; when none
 * is given, one already stored for the same facilitator seat stays.
 */
export function saveAccess(board: BoardId, token: string, joinCode: string | null, projectorToken: string | null = null): Access | null {
  const access = readAccess(token);
  if (!access || access.board !== board) return null;
  const keep = access.role === 'facilitator' ? (projectorToken ?? loadAccess(board)?.projectorToken ?? null) : null;
  const projector = keep && isProjectorToken(keep, board) && readAccess(keep)?.epoch === access.epoch ? keep : null;
  try {
    localStorage.setItem(key(board), JSON.stringify({ token, joinCode, projectorToken: projector }));
  } catch {
    // Without storage the seat lasts for this page only.
  }
  return access;
}

export function forgetAccess(board: BoardId): void {
  try {
    localStorage.removeItem(key(board));
  } catch {
    // Nothing stored.
  }
}

export function loadProjectorAccess(board: BoardId): Access | null {
  try {
    const token = localStorage.getItem(projectorKey(board));
    return isProjectorToken(token, board) ? readAccess(token) : null;
  } catch {
    return null;
  }
}

export function saveProjectorAccess(board: BoardId, access: Access): void {
  try {
    localStorage.setItem(projectorKey(board), access.token);
  } catch {
    // Without storage a reload of the projector needs the link again.
  }
}

/** The access this page will open the board with: a link's token, else the one kept here. Reads only. */
export function pageAccess(board: BoardId): Access | null {
  return tokenFromFragment(location.hash, board) ?? loadAccess(board)?.access ?? null;
}

/** Forget every link to a board kept on this device (facilitator's or participant's seat, projector). */
export function forgetBoard(board: BoardId): void {
  forgetAccess(board);
  try {
    localStorage.removeItem(projectorKey(board));
  } catch {
    // Nothing stored.
  }
}
