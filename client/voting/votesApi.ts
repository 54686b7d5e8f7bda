/**
 * The votes API (server/votes.ts). Votes never travel in the shared document while a round is
 * open: each voter sends their own to the server with their own token and reads back only
 * their own. Every answer is validated here before the UI relies on its shape.
 */
import type { BoardId } from '../../shared/ids.js';
import type { VotingStatus } from '../../shared/criteria.js';
import { asRecord, bearer, request } from '../access/http.js';

export interface MyVote {
  criterion: string;
  target: string;
  value: number;
}

export interface MyVotes {
  round: number;
  status: VotingStatus;
  votes: MyVote[];
  done: boolean;
}

/** Team id ('' for none) -> participants who have cast a vote, and who said they are done. */
export type TeamProgress = Record<string, { voting: number; done: number }>;

export interface VotingProgress {
  round: number;
  voters: number;
  done: number;
  byTeam: TeamProgress;
}

/** `error` is the server's sentence ("over the budget of 3 votes for Equity"), or null when unreachable. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string | null };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStatus = (v: unknown): v is VotingStatus => v === 'open' || v === 'closed' || v === 'revealed';

async function call(path: string, token: string, init: RequestInit = {}): Promise<Outcome<Record<string, unknown>>> {
  const res = await request(path, { ...init, headers: bearer(token) });
  if (!res) return { ok: false, error: null };
  const body = await asRecord(res);
  if (!res.ok) return { ok: false, error: typeof body.error === 'string' ? body.error : `HTTP ${res.status}` };
  return { ok: true, value: body };
}

function toVote(v: unknown): MyVote | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.criterion !== 'string' || typeof o.target !== 'string' || !isCount(o.value)) return null;
  return { criterion: o.criterion, target: o.target, value: o.value };
}

/** Set this voter's dots (or rating) on one target for one criterion; 0 takes it back. */
export async function putVote(board: BoardId, token: string, vote: MyVote): Promise<Outcome<null>> {
  const r = await call(`/api/boards/${board}/votes`, token, { method: 'PUT', body: JSON.stringify(vote) });
  return r.ok ? { ok: true, value: null } : r;
}

/** This voter's own votes in the current round (never anyone else's). */
export async function fetchMyVotes(board: BoardId, token: string): Promise<Outcome<MyVotes>> {
  const r = await call(`/api/boards/${board}/votes/mine`, token);
  if (!r.ok) return r;
  const v = r.value;
  const votes = Array.isArray(v.votes) ? v.votes.map(toVote).filter((x): x is MyVote => x !== null) : [];
  return {
    ok: true,
    value: { round: isCount(v.round) ? v.round : 1, status: isStatus(v.status) ? v.status : 'closed', votes, done: v.done === true },
  };
}

export async function postDone(board: BoardId, token: string, done: boolean): Promise<Outcome<null>> {
  const r = await call(`/api/boards/${board}/votes/done`, token, { method: 'POST', body: JSON.stringify({ done }) });
  return r.ok ? { ok: true, value: null } : r;
}

/** Facilitator only: how many have voted and finished, per team; never who chose what. */
export async function fetchProgress(board: BoardId, token: string): Promise<Outcome<VotingProgress>> {
  const r = await call(`/api/boards/${board}/votes/progress`, token);
  if (!r.ok) return r;
  const v = r.value;
  const byTeam: TeamProgress = {};
  if (typeof v.byTeam === 'object' && v.byTeam !== null) {
    for (const [team, raw] of Object.entries(v.byTeam as Record<string, unknown>)) {
      const p = (raw ?? {}) as Record<string, unknown>;
      byTeam[team.slice(0, 64)] = { voting: isCount(p.voting) ? p.voting : 0, done: isCount(p.done) ? p.done : 0 };
    }
  }
  return {
    ok: true,
    value: { round: isCount(v.round) ? v.round : 1, voters: isCount(v.voters) ? v.voters : 0, done: isCount(v.done) ? v.done : 0, byTeam },
  };
}
