/**
 * The live session as the server sees it (join code, participants), kept fresh by polling:
 * the code can rotate and people join at any time, and neither travels in the document.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { fetchSessionInfo, type SessionInfo } from './sessionInfo.js';

export interface LiveSession {
  info: SessionInfo | null;
  /** Fetch now (after a command that changed the session). */
  refresh: () => void;
}

/** `token` null: nothing to ask (participants learn the code when they join). */
export function useSessionInfo(boardId: BoardId, token: string | null, pollMs: number): LiveSession {
  const [info, setInfo] = useState<SessionInfo | null>(null);
  const generation = useRef(0);

  const refresh = useCallback(() => {
    if (!token) return;
    // Answers can arrive out of order; only the newest request may set state.
    const mine = ++generation.current;
    void fetchSessionInfo(boardId, token).then((r) => {
      if (mine === generation.current && r.kind === 'ok') setInfo(r.info);
    });
  }, [boardId, token]);

  useEffect(() => {
    if (!token) return;
    refresh();
    const id = setInterval(() => {
      // A hidden tab has nobody to show a code to; it catches up when shown again.
      if (document.visibilityState === 'visible') refresh();
    }, pollMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(id);
      document.removeEventListener('visibilitychange', onVisible);
      generation.current++;
    };
  }, [token, pollMs, refresh]);

  return { info, refresh };
}
