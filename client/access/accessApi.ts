/**
 * Joining and facilitating over HTTP. Responses are validated here, at the boundary.
 */
import { isBoardId, type BoardId } from '../../shared/ids.js';
import { isPhase, type Phase } from '../../shared/phases.js';
import type { Team } from '../../shared/schema.js';
import { restoreTeams } from '../../shared/validate.js';

const REQUEST_TIMEOUT_MS = 8_000;

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

async function request(path: string, init: RequestInit = {}): Promise<Response | null> {
  try {
    return await fetch(path, {
      ...init,
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    return null;
  }
}

const asRecord = async (res: Response): Promise<Record<string, unknown>> => {
  const v: unknown = await res.json().catch(() => null);
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
};

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

/** The facilitator's view of the session: the join code to show the room. */
export async function fetchJoinCode(board: BoardId, token: string): Promise<string | null> {
  const res = await request(`/api/boards/${board}/session`, { headers: { authorization: `Bearer ${token}` } });
  if (!res?.ok) return null;
  const v = await asRecord(res);
  return typeof v.joinCode === 'string' ? v.joinCode : null;
}

export async function setPhaseCommand(board: BoardId, token: string, phase: Phase): Promise<boolean> {
  if (!isPhase(phase)) return false;
  const res = await request(`/api/boards/${board}/commands`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ type: 'setPhase', phase }),
  });
  return res?.ok ?? false;
}
