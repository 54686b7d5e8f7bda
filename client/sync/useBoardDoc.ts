/**
 * Opens a board for the page: decide the epoch, open the session, and turn permanent close
 * codes into problems the UI can explain, or, for a refused write, into a fresh session.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { BoardId } from '../../shared/ids.js';
import type { Access } from '../access/claims.js';
import { dropsOfflineCopy, problemForClose, type BoardProblem } from './closeProblems.js';
import { cachedEpoch, forgetOfflineCopy, resolveEpoch } from './offlineCopy.js';
import { RecoveryBudget, type Recovery } from './recovery.js';
import { replayUnsent } from './replayUnsent.js';
import { takeEarlySession } from './earlySession.js';
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
  | { phase: 'ready'; session: BoardSession; problem: BoardProblem | null; recovery: Recovery | null };

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

const whenSynced = (provider: WebsocketProvider): Promise<void> =>
  new Promise((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (synced: boolean) => {
      if (!synced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });

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
    const budget = new RecoveryBudget();
    let session: BoardSession | null = null;
    /** The session opened before the lookup answered, if any. */
    let early: BoardSession | null = null;
    setState({ phase: 'loading' });

    /** `copy`: whether an offline copy of this epoch may exist (the socket waits for it to load). */
    const open = (epoch: string, copy: boolean): BoardSession => {
      const token = latestAccess.current.token;
      const s = (!copy && takeEarlySession(boardId, epoch, token)) || openBoardSession(boardId, epoch, token, { offlineCopyFirst: copy });
      session = s;
      sessionRef.current = s;
      s.provider.on('closed', (ev) => void onClosed(s, ev));
      window.__charrette = { doc: s.doc, provider: s.provider };
      return s;
    };

    const close = (s: BoardSession) => {
      if (window.__charrette?.doc === s.doc) delete window.__charrette;
      s.destroy();
      if (sessionRef.current === s) sessionRef.current = null;
      if (session === s) session = null;
    };

    /**
     * The server refused a write from this session. Keep what the old document had, start a
     * new session from the server's state with an empty offline copy (the old one would send
     * the refused write again on every reconnect), then carry over what is still allowed.
     */
    const recover = async (old: BoardSession, replay: boolean) => {
      const before = Y.encodeStateAsUpdate(old.doc);
      await old.offlineCopy.clearData().catch(() => undefined);
      // Unmounted meanwhile: the cleanup has already closed the old session.
      if (abort.signal.aborted || session !== old) return;
      close(old);
      const fresh = open(old.epoch, false); // its copy was just cleared
      setState({ phase: 'ready', session: fresh, problem: null, recovery: { status: 'pending' } });
      await whenSynced(fresh.provider);
      if (abort.signal.aborted || session !== fresh) return;
      const { role, id, team } = latestAccess.current;
      const outcome = replay ? replayUnsent(fresh.doc, before, { role, id, team }) : { kept: 0, dropped: [] };
      setState({ phase: 'ready', session: fresh, problem: null, recovery: { status: 'done', ...outcome } });
    };

    const onClosed = async (s: BoardSession, { code }: { code: number }) => {
      if (session !== s) return;
      const problem = problemForClose(code);
      // A session opened early (see below) used the token's own epoch: a reset board refuses the
      // token itself, which is what the lookup would have concluded.
      if (problem === 'unauthorized' || (problem === 'epoch' && s === early)) {
        if (problem === 'epoch') await s.offlineCopy.clearData().catch(() => undefined);
        if (abort.signal.aborted) return;
        setState({ phase: 'join' });
        return;
      }
      if (problem === 'forbidden') {
        const allowance = budget.take();
        if (allowance !== 'exhausted') {
          await recover(s, allowance === 'replay');
          return;
        }
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
      setState({ phase: 'ready', session: s, problem, recovery: null });
    };

    // A first visit on this device (no copy of the board here) with a token that names its epoch
    // connects at once, while the board is looked up: the server refuses a stale epoch or a
    // deleted board itself, so nothing is risked, and a big board opens a round trip sooner.
    const tokenEpoch = latestAccess.current.epoch;
    early = cachedEpoch(boardId) === null && tokenEpoch ? open(tokenEpoch, false) : null;
    if (early) setState({ phase: 'ready', session: early, problem: null, recovery: null });

    void resolveEpoch(boardId, abort.signal)
      .then(async (res) => {
        if (abort.signal.aborted) return;
        // A token from before a reset can never be accepted again.
        const stale = res.kind === 'ok' && !res.offline && latestAccess.current.epoch !== res.epoch;
        if (res.kind !== 'ok' || stale) {
          // The session opened early was for a board that is gone or an epoch that is over:
          // it leaves nothing on this device.
          if (session) {
            const s = session;
            await s.offlineCopy.clearData().catch(() => undefined);
            if (abort.signal.aborted) return;
            close(s);
          }
          setState(res.kind !== 'ok' ? { phase: 'problem', problem: res.kind } : { phase: 'join' });
          return;
        }
        if (!early) setState({ phase: 'ready', session: open(res.epoch, res.copy), problem: null, recovery: null });
      })
      .catch(() => {
        // Only an abort rejects, and then the effect is already gone.
      });

    return () => {
      abort.abort();
      if (session) close(session);
    };
  }, [boardId, attempt]);

  return { state, retry };
}
