/**
 * Joining over HTTP. Responses are validated here, at the boundary.
 */
import { isBoardId, type BoardId } from '../../shared/ids.js';
import type { Team } from '../../shared/schema.js';
import { restoreTeams } from '../../shared/validate.js';
import { asRecord, request } from './http.js';

export type JoinLookup =
  | { kind: 'found'; boardId: BoardId; title: string; teams: Team[]; joinCode: string }
  | { kind: 'wrong-code' }
  | { kind: 'throttled' }
  | { kind: 'unreachable' };

export type JoinResult =
  | { kind: 'joined'; boardId: BoardId; token: string }
  | { kind: 'removed' }
  | { kind: 'wrong-code' }
  | { kind: 'throttled' }
  | { kind: 'unreachable' };


export async function lookupJoinCode(code: string): Promise<JoinLookup> {
  const res = await request(`/api/join/${encodeURIComponent(code)}`);
  if (!res) return { kind: 'unreachable' };
  if (res.status === 404) return { kind: 'wrong-code' };
  if (res.status === 429) return { kind: 'throttled' };
  if (!res.ok) return { kind: 'unreachable' };
  const v = await asRecord(res);
  if (!isBoardId(v.boardId) || typeof v.joinCode !== 'string') return { kind: 'unreachable' };
  return {
    kind: 'found',
    boardId: v.boardId,
    title: typeof v.title === 'string' ? v.title : '',
    teams: restoreTeams(v.teams),
    joinCode: v.joinCode,
  };
}

export async function joinWithCode(
  code: string,
  body: { name: string; team: string; previousToken?: string | undefined },
): Promise<JoinResult> {
  const res = await request(`/api/join/${encodeURIComponent(code)}`, { method: 'POST', body: JSON.stringify(body) });
  if (!res) return { kind: 'unreachable' };
  if (res.status === 403) return { kind: 'removed' };
  if (res.status === 404) return { kind: 'wrong-code' };
  if (res.status === 429) return { kind: 'throttled' };
  if (!res.ok) return { kind: 'unreachable' };
  const v = await asRecord(res);
  if (!isBoardId(v.boardId) || typeof v.token !== 'string') return { kind: 'unreachable' };
  return { kind: 'joined', boardId: v.boardId, token: v.token };
}
