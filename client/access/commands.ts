/**
 * Facilitator commands (POST /api/boards/<id>/commands). The server runs them and writes the
 * board's meta itself, so the UI shows the document's state afterwards, not a local guess.
 */
import type { BoardId } from '../../shared/ids.js';
import { isJoinCode } from '../../shared/joincode.js';
import type { Phase } from '../../shared/phases.js';
import type { Team } from '../../shared/schema.js';
import { asRecord, bearer, request } from './http.js';

export type Command =
  | { type: 'setPhase'; phase: Phase }
  | { type: 'setLocked'; locked: boolean }
  | { type: 'setTitle'; title: string }
  | { type: 'setProblem'; problem: string }
  | { type: 'setTeams'; teams: Team[] }
  | { type: 'rotateJoinCode' }
  | { type: 'removeParticipant'; participantId: string };

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
