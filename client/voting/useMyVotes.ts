import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { BoardId } from '../../shared/ids.js';
import type { VotingStatus } from '../../shared/criteria.js';
import { MyVotesStore, type MyVotesSnapshot } from './myVotesStore.js';

export interface MyVotes extends MyVotesSnapshot {
  store: MyVotesStore;
}

/**
 * This person's own votes in the current round. They are loaded from the server (they are not
 * in the document before reveal), again on a new round and whenever the round opens, closes
 * or is revealed, so what the ballot shows is what the server counted.
 */
export function useMyVotes(boardId: BoardId, token: string, round: number, status: VotingStatus): MyVotes {
  // A new round starts from an empty ballot: a fresh store, so no answer of the old round lands in it.
  const store = useMemo(() => new MyVotesStore(boardId, token), [boardId, token, round]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  useEffect(() => {
    void store.reload();
  }, [store, status]);
  return { ...snapshot, store };
}
