/**
 * Opens a board for the page: decide the epoch, open the session, and turn permanent close
 * codes into problems the UI can explain.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { BoardId } from '../../shared/ids.js';
import type { Access } from '../access/claims.js';
import { dropsOfflineCopy, problemForClose, type BoardProblem } from './closeProblems.js';
import { forgetOfflineCopy, resolveEpoch } from './offlineCopy.js';
import { openBoardSession, type BoardSession } from './session.js';

declare global {
  interface Window {
    /**
     * For end-to-end tests only: lets a test read the document and drive the connection
     * (e.g. provider.disconnect() to simulate going offline) without reaching into React.
     */
    __charrette?: { doc: Y.Doc; provider: WebsocketProvider };
  }
}

/** A reset board reloads once by itself; a second reset this soon shows a message instead of looping. */
const EPOCH_RELOAD_GUARD_MS = 60_000;

export type BoardDocState =
  | { phase: 'loading' }
  /** The token is missing, stale (older epoch) or refused: the person has to join again. */
  | { phase: 'join' }
  | { phase: 'problem'; problem: BoardProblem }
  | { phase: 'ready'; session: BoardSession; problem: BoardProblem | null };

function reloadOnceForEpoch(id: BoardId): boolean {
  const key = `charrette:epoch-reload:${id}`;
  try {
    const last = Number(sessionStorage.getItem(key));
    if (Number.isFinite(last) && Date.now() - last < EPOCH_RELOAD_GUARD_MS) return false;
    sessionStorage.setItem(key, String(Date.now()));
  } catch {
    return false;
  }
  location.reload();
  return true;
}

export function useBoardDoc(boardId: BoardId, access: Access): { state: BoardDocState; retry: () => void } {
  const [state, setState] = useState<BoardDocState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const latestAccess = useRef(access);
  const sessionRef = useRef<BoardSession | null>(null);

  useEffect(() => {
    latestAccess.current = access;
    sessionRef.current?.setToken(access.token);
  }, [access]);

  useEffect(() => {
    const abort = new AbortController();
    let session: BoardSession | null = null;
    setState({ phase: 'loading' });

    const onClosed = async ({ code }: { code: number }) => {
      const s = session;
      if (!s) return;
      const problem = problemForClose(code);
      if (problem === 'unauthorized') {
        setState({ phase: 'join' });
        return;
      }
      if (dropsOfflineCopy(problem)) {
        await s.offlineCopy.clearData().catch(() => undefined);
        await forgetOfflineCopy(boardId, s.epoch);
        if (abort.signal.aborted) return;
        if (problem === 'epoch' && reloadOnceForEpoch(boardId)) return;
        // The board on screen is no longer one the server will accept: do not keep showing it.
        setState({ phase: 'problem', problem });
        return;
      }
      setState({ phase: 'ready', session: s, problem });
    };

    void resolveEpoch(boardId, abort.signal)
      .then((res) => {
        if (abort.signal.aborted) return;
        if (res.kind !== 'ok') {
          setState({ phase: 'problem', problem: res.kind });
          return;
        }
        const { token, epoch: tokenEpoch } = latestAccess.current;
        // A token from before a reset can never be accepted again.
        if (!res.offline && tokenEpoch !== res.epoch) {
          setState({ phase: 'join' });
          return;
        }
        session = openBoardSession(boardId, res.epoch, token);
        sessionRef.current = session;
        session.provider.on('closed', (ev) => void onClosed(ev));
        window.__charrette = { doc: session.doc, provider: session.provider };
        setState({ phase: 'ready', session, problem: null });
      })
      .catch(() => {
        // Only an abort rejects, and then the effect is already gone.
      });

    return () => {
      abort.abort();
      if (session) {
        if (window.__charrette?.doc === session.doc) delete window.__charrette;
        session.destroy();
        sessionRef.current = null;
        session = null;
      }
    };
  }, [boardId, attempt]);

  return { state, retry };
}
