/** Opens a board for the projector view: the board's epoch, then a receive-only session. */
import { useCallback, useEffect, useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import type { Access } from '../access/claims.js';
import { lookupBoard } from './boardApi.js';
import { problemForClose, type BoardProblem } from './closeProblems.js';
import { openProjectorSession, type ProjectorSession } from './projectorSession.js';

export type ProjectorDocState =
  | { phase: 'loading' }
  | { phase: 'problem'; problem: BoardProblem }
  | { phase: 'ready'; session: ProjectorSession };

export function useProjectorDoc(boardId: BoardId, access: Access): { state: ProjectorDocState; retry: () => void } {
  const [state, setState] = useState<ProjectorDocState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const abort = new AbortController();
    let session: ProjectorSession | null = null;
    setState({ phase: 'loading' });
    void lookupBoard(boardId, abort.signal)
      .then((res) => {
        if (abort.signal.aborted) return;
        if (res.kind !== 'found') {
          setState({ phase: 'problem', problem: res.kind });
          return;
        }
        // A projector link from before a reset lets nobody in: say so rather than spin.
        if (access.epoch !== res.board.epoch) {
          setState({ phase: 'problem', problem: 'unauthorized' });
          return;
        }
        const s = openProjectorSession(boardId, res.board.epoch, access.token);
        session = s;
        // Temporary closes reconnect by themselves; only permanent ones end the view.
        s.provider.on('closed', ({ code }) => {
          if (session === s) setState({ phase: 'problem', problem: problemForClose(code) });
        });
        setState({ phase: 'ready', session: s });
      })
      .catch(() => {
        // Only an abort rejects, and then the effect is already gone.
      });
    return () => {
      abort.abort();
      session?.destroy();
      session = null;
    };
  }, [boardId, access.token, access.epoch, attempt]);

  return { state, retry };
}
