/**
 * What a permanent close code means to the person looking at the board. Codes 4400–4499 stop
 * the provider for good (see shared/protocol.ts), so each needs a message that says what to do.
 */
import { CLOSE } from '../../shared/protocol.js';

export type BoardProblem =
  | 'not-found' | 'version' | 'epoch' | 'too-new' | 'unauthorized' | 'removed' | 'forbidden' | 'refused' | 'unreachable';

export function problemForClose(code: number): BoardProblem {
  switch (code) {
    case CLOSE.NOT_FOUND:
      return 'not-found';
    case CLOSE.VERSION:
      return 'version';
    case CLOSE.EPOCH:
      return 'epoch';
    case CLOSE.TOO_NEW:
      return 'too-new';
    case CLOSE.UNAUTHORIZED:
      return 'unauthorized';
    case CLOSE.REMOVED:
      return 'removed';
    case CLOSE.FORBIDDEN:
    case CLOSE.TOO_LARGE:
      return 'forbidden';
    default:
      return 'refused';
  }
}

/**
 * Problems after which this device's copy must go. Not found, reset and removed: the board (or
 * our place on it) is gone. Forbidden: the copy now holds a change the server refused, and
 * keeping it would send that change again on every reconnect and be refused forever.
 */
export const dropsOfflineCopy = (p: BoardProblem): boolean =>
  p === 'not-found' || p === 'epoch' || p === 'removed' || p === 'forbidden';
