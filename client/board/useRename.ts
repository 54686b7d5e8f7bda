import { useCallback, useMemo } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { joinWithCode } from '../access/accessApi.js';
import { loadAccess, saveAccess } from '../access/accessStore.js';
import type { Access } from '../access/claims.js';

/**
 * A participant's name is signed into their token (the server stamps it on presence), so a
 * rename is a re-join under the same id: the server issues a new token and the connection
 * reopens with it. Null when renaming is impossible (facilitator, or no code kept).
 */
export function useRename(
  boardId: BoardId,
  access: Access,
  onAccessChange: (a: Access) => void,
  rememberName: (name: string) => void,
): ((name: string) => void) | null {
  // Re-read when the token changes: a rename stores the new token next to the same code.
  const joinCode = useMemo(() => loadAccess(boardId)?.joinCode ?? null, [boardId, access.token]);
  const rename = useCallback(
    (name: string) => {
      if (!joinCode) return;
      rememberName(name);
      void joinWithCode(joinCode, { name, team: access.team, previousToken: access.token }).then((res) => {
        if (res.kind !== 'joined' || res.boardId !== boardId) return;
        const next = saveAccess(boardId, res.token, joinCode);
        if (next) onAccessChange(next);
      });
    },
    [boardId, joinCode, access.team, access.token, onAccessChange, rememberName],
  );
  return access.role === 'participant' && joinCode ? rename : null;
}
