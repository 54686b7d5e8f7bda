/**
 * Facilitator commands (POST /api/boards/<id>/commands). The server runs them and writes the
 * board's meta itself, so the UI shows the document's state afterwards, not a local guess.
 */
import type { BoardId } from '../../shared/ids.js';
import { isJoinCode } from '../../shared/joincode.js';
import type { Phase } from '../../shared/phases.js';
import type { ActionPlan } from '../../shared/plan.js';
import type { Team } from '../../shared/schema.js';
import type { Criterion, VoteMode, VoteTarget } from '../../shared/criteria.js';
import { asRecord, bearer, request } from './http.js';

export type Command =
  | { type: 'setPhase'; phase: Phase }
  | { type: 'setLocked'; locked: boolean }
  | { type: 'setTitle'; title: string }
  | { type: 'setProblem'; problem: string }
  | { type: 'setTeams'; teams: Team[] }
  | { type: 'rotateJoinCode' }
  | { type: 'removeParticipant'; participantId: string }
  | { type: 'setPlan'; plan: ActionPlan }
  // Voting (server/votes.ts): criteria and settings only while voting is not open.
  | { type: 'setVoting'; criteria?: Criterion[]; target?: VoteTarget; mode?: VoteMode; maxPerTarget?: number }
  | { type: 'openVoting' | 'closeVoting' | 'revealVotes' | 'reopenVoting' }
  | { type: 'runoff'; top: number }
  | { type: 'recordDecision'; target: string | null; rationale?: Record<string, string> }
  // Facilitation (server/facilitation.ts).
  | { type: 'setAnonymous' | 'setSilent' | 'setFollowMe'; on: boolean }
  | { type: 'revealDrafts' | 'timerStart' | 'timerPause' | 'timerAddMinute' | 'timerReset' }
  | { type: 'timerSet'; durationMs: number };

export type CommandOutcome =
  | { ok: true; body: Record<string, unknown> }
  /** `error`: the server's own words, or null when it could not be reached. */
  | { ok: false; error: string | null };

/** Run a command and keep the server's reason when it refuses (shown to the facilitator as is). */
export async function sendCommand(board: BoardId, token: string, command: Command): Promise<CommandOutcome> {
  const res = await request(`/api/boards/${board}/commands`, {
    method: 'POST',
    headers: bearer(token),
    body: JSON.stringify(command),
  });
  if (!res) return { ok: false, error: null };
  const body = await asRecord(res);
  if (res.ok) return { ok: true, body };
  return { ok: false, error: typeof body.error === 'string' ? body.error : `HTTP ${res.status}` };
}

/** The server's answer, or null when the command failed or never arrived. */
export async function runCommand(board: BoardId, token: string, command: Command): Promise<Record<string, unknown> | null> {
  const res = await request(`/api/boards/${board}/commands`, {
    method: 'POST',
    headers: bearer(token),
    body: JSON.stringify(command),
  });
  return res?.ok ? asRecord(res) : null;
}

/** Rotate the join code; the new code, or null on failure. */
export async function rotateJoinCode(board: BoardId, token: string): Promise<string | null> {
  const r = await runCommand(board, token, { type: 'rotateJoinCode' });
  return r && isJoinCode(r.joinCode) ? r.joinCode : null;
}

/** Delete the board and everything stored for it (`error` null: the server could not be reached). */
export async function deleteBoard(board: BoardId, token: string): Promise<{ ok: true } | { ok: false; error: string | null }> {
  const res = await request(`/api/boards/${board}`, { method: 'DELETE', headers: bearer(token) });
  if (!res) return { ok: false, error: null };
  if (res.ok) return { ok: true };
  const body = await asRecord(res);
  return { ok: false, error: typeof body.error === 'string' ? body.error : `HTTP ${res.status}` };
}
