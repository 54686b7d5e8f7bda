/**
 * GET /api/boards/<id>/session: what the holder of a token may know about the live session.
 * The facilitator and the projector see the join code (it rotates); only the facilitator sees
 * who joined.
 */
import type { BoardId } from '../../shared/ids.js';
import { isJoinCode } from '../../shared/joincode.js';
import { MAX_NAME } from '../../shared/schema.js';
import { cleanText } from '../../shared/validate.js';
import { asRecord, bearer, request } from './http.js';

export interface Participant {
  id: string;
  name: string;
  team: string;
  joinedAt: number;
  removed: boolean;
}

export interface SessionInfo {
  joinCode: string | null;
  /** Path of the join page for the current code ("/join/ACD479"); absolute with location.origin. */
  joinUrl: string | null;
  /** Facilitator only; empty for everyone else. */
  participants: Participant[];
}

/** Participant ids as the server issues them; anything else is not shown or sent back. */
const PARTICIPANT_ID = /^p-[A-Za-z0-9]{1,32}$/;

function toParticipant(v: unknown): Participant | null {
  if (typeof v !== 'object' || v === null) return null;
  const p = v as Record<string, unknown>;
  if (typeof p.id !== 'string' || !PARTICIPANT_ID.test(p.id)) return null;
  return {
    id: p.id,
    name: cleanText(p.name, MAX_NAME),
    team: typeof p.team === 'string' ? p.team.slice(0, 64) : '',
    joinedAt: typeof p.joinedAt === 'number' && Number.isFinite(p.joinedAt) ? p.joinedAt : 0,
    removed: p.removed === true,
  };
}

export type SessionResult = { kind: 'ok'; info: SessionInfo } | { kind: 'denied' } | { kind: 'unreachable' };

export async function fetchSessionInfo(board: BoardId, token: string): Promise<SessionResult> {
  const res = await request(`/api/boards/${board}/session`, { headers: bearer(token) });
  if (!res) return { kind: 'unreachable' };
  if (res.status === 401 || res.status === 403 || res.status === 404) return { kind: 'denied' };
  if (!res.ok) return { kind: 'unreachable' };
  const v = await asRecord(res);
  const joinCode = isJoinCode(v.joinCode) ? v.joinCode : null;
  const participants = Array.isArray(v.participants) ? v.participants.map(toParticipant).filter((p) => p !== null) : [];
  return {
    kind: 'ok',
    info: {
      joinCode,
      // Built from the validated code rather than trusted as a path: it ends up in an href.
      joinUrl: joinCode ? `/join/${joinCode}` : null,
      participants,
    },
  };
}
