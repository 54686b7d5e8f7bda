/**
 * The board copy kept in this browser (IndexedDB via y-indexeddb), and the epoch it belongs to.
 *
 * Invariant: a copy is only ever opened under the epoch the server last confirmed. A board
 * deleted and recreated under the same id gets a new epoch, and the old copy is deleted
 * before the new one is opened; otherwise its notes would sync back into the new board.
 */
import { clearDocument } from 'y-indexeddb';
import type { BoardId } from '../../shared/ids.js';
import { lookupBoard, toEpoch } from './boardApi.js';

const epochKey = (id: BoardId): string => `charrette:epoch:${id}`;

export const offlineDbName = (id: BoardId, epoch: string): string => `charrette:${id}:${epoch}`;

export function cachedEpoch(id: BoardId): string | null {
  try {
    return toEpoch(localStorage.getItem(epochKey(id)));
  } catch {
    return null;
  }
}

function cacheEpoch(id: BoardId, epoch: string | null): void {
  try {
    if (epoch === null) localStorage.removeItem(epochKey(id));
    else localStorage.setItem(epochKey(id), epoch);
  } catch {
    // Without storage an offline reload cannot find the copy; online use is unaffected.
  }
}

/** Delete this device's copy of a board (and forget its epoch). */
export async function forgetOfflineCopy(id: BoardId, epoch: string | null = cachedEpoch(id)): Promise<void> {
  cacheEpoch(id, null);
  if (epoch === null) return;
  try {
    await clearDocument(offlineDbName(id, epoch));
  } catch {
    // IndexedDB unavailable: there is no copy to delete.
  }
}

export type EpochResolution =
  /** `copy`: this device may hold an offline copy of this epoch (false on a first visit). */
  | { kind: 'ok'; epoch: string; offline: boolean; copy: boolean }
  | { kind: 'not-found' }
  | { kind: 'unreachable' };

/**
 * Decide which epoch to open: the server's when it answers (clearing a stale copy first),
 * the cached one when it does not, so a reload without network still opens the local copy.
 */
export async function resolveEpoch(id: BoardId, signal?: AbortSignal): Promise<EpochResolution> {
  const cached = cachedEpoch(id);
  const found = await lookupBoard(id, signal);
  if (found.kind === 'found') {
    const { epoch } = found.board;
    if (cached !== null && cached !== epoch) await forgetOfflineCopy(id, cached);
    cacheEpoch(id, epoch);
    return { kind: 'ok', epoch, offline: false, copy: cached === epoch };
  }
  if (found.kind === 'not-found') {
    // The facilitator may have deleted the board on purpose: the device keeps nothing of it.
    await forgetOfflineCopy(id, cached);
    return { kind: 'not-found' };
  }
  return cached !== null ? { kind: 'ok', epoch: cached, offline: true, copy: true } : { kind: 'unreachable' };
}
