/**
 * Per-board access kept on this device: the token, and the join code it came from (needed
 * to re-join under a new name). localStorage, so closing the tab does not lose your seat,
 * and so a participant who reloads keeps the same id and still owns their notes.
 */
import type { BoardId } from '../../shared/ids.js';
import { readAccess, type Access } from './claims.js';

const key = (board: BoardId): string => `charrette:access:${board}`;

export interface StoredAccess {
  access: Access;
  joinCode: string | null;
}

export function loadAccess(board: BoardId): StoredAccess | null {
  try {
    const raw = localStorage.getItem(key(board));
    if (!raw) return null;
    const v = JSON.parse(raw) as { token?: unknown; joinCode?: unknown };
    const access = readAccess(v.token);
    if (!access || access.board !== board) return null;
    return { access, joinCode: typeof v.joinCode === 'string' ? v.joinCode : null };
  } catch {
    return null;
  }
}

export function saveAccess(board: BoardId, token: string, joinCode: string | null): Access | null {
  const access = readAccess(token);
  if (!access || access.board !== board) return null;
  try {
    localStorage.setItem(key(board), JSON.stringify({ token, joinCode }));
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
