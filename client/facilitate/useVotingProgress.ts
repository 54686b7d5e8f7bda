import { useEffect, useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { fetchProgress, type VotingProgress } from '../voting/votesApi.js';

/** Often enough that "N of M finished" feels live; cheap for the server (counts only). */
export const PROGRESS_POLL_MS = 2_000;

/** How many have voted and finished (facilitator only), polled while `active`; null before the first answer. */
export function useVotingProgress(boardId: BoardId, token: string, round: number, active: boolean): VotingProgress | null {
  const [progress, setProgress] = useState<VotingProgress | null>(null);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      // A hidden tab has nobody looking at the numbers; it catches up when shown again.
      if (document.visibilityState === 'visible') {
        const r = await fetchProgress(boardId, token);
        if (stopped) return;
        if (r.ok) setProgress(r.value);
      }
      timer = setTimeout(() => void poll(), PROGRESS_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [boardId, token, round, active]);
  return active ? progress : null;
}
