import { useEffect, useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { fetchJoinCode } from '../access/accessApi.js';
import { loadAccess } from '../access/accessStore.js';
import type { Access } from '../access/claims.js';

/**
 * The code that lets others in. A participant kept the one they joined with; the facilitator
 * asks the server, which may have rotated it since the board was created.
 */
export function useJoinCode(boardId: BoardId, access: Access): string | null {
  const [code, setCode] = useState<string | null>(() => loadAccess(boardId)?.joinCode ?? null);

  useEffect(() => {
    if (access.role !== 'facilitator') return;
    let live = true;
    void fetchJoinCode(boardId, access.token).then((c) => {
      if (live && c) setCode(c);
    });
    return () => {
      live = false;
    };
  }, [boardId, access.role, access.token]);

  return code;
}
