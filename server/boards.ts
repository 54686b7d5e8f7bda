/**
 * Board commands behind the HTTP API, each in three parts: AUTH (who is asking), VALIDATION
 * (is the request well-formed), RESOLUTION (the change). Document changes go through the
 * board's loaded room so they are stored and broadcast like any other update.
 */
import * as Y from 'yjs';
import { isBoardId, newBoardId, randomId, type BoardId } from '../shared/ids.js';
import { isJoinCode, newJoinCode, normalizeJoinCode } from '../shared/joincode.js';
import { MAX_PLAN_ROWS, restorePlan, setPlan } from '../shared/plan.js';
import { setLocked, setPhase, setProblem, setTeams, setTitle, setVoting } from '../shared/meta.js';
import { migrate } from '../shared/migrations.js';
import { DEFAULT_PHASE, isPhase } from '../shared/phases.js';
import { getMeta, MAX_NAME, MAX_PROBLEM, MAX_TITLE, type Team } from '../shared/schema.js';
import { cleanText, restoreTeams } from '../shared/validate.js';
import { HttpError } from './http.js';
import { bodyField, openRoom } from './request.js';
import type { Hub } from './hub.js';
import type { BoardRecord, BoardStore } from './storage/types.js';
import type { Claims, TokenSigner } from './tokens.js';
import { friendlyName } from './names.js';
import { votingCommand } from './votes.js';
import { facilitationCommand, type DraftCounts } from './facilitation.js';
import { defaultVoting } from '../shared/criteria.js';

export const EPOCH_LENGTH = 10;
const JOIN_CODE_ATTEMPTS = 8;


function optionalString(body: unknown, key: string, max: number): string | undefined {
  const v = bodyField(body, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new HttpError(400, `${key} must be a string`);
  return cleanText(v, max).trim();
}

/** A join code no other board uses. */
async function uniqueJoinCode(store: BoardStore): Promise<string> {
  for (let i = 0; i < JOIN_CODE_ATTEMPTS; i++) {
    const code = newJoinCode();
    if (!(await store.findByJoinCode(code))) return code;
  }
  throw new HttpError(503, 'could not allocate a join code; try again');
}

export interface CreatedBoard {
  record: BoardRecord;
  facilitatorToken: string;
  projectorToken: string;
}

/** Create a board (phase Frame, optional title and teams) and the tokens of its three capabilities. */
export async function createBoard(store: BoardStore, signer: TokenSigner, body: unknown, id: BoardId = newBoardId()): Promise<CreatedBoard> {
  // VALIDATION
  const title = optionalString(body, 'title', MAX_TITLE) ?? '';
  const problem = optionalString(body, 'problem', MAX_PROBLEM) ?? '';
  const teamsRaw = bodyField(body, 'teams');
  if (teamsRaw !== undefined && !Array.isArray(teamsRaw)) throw new HttpError(400, 'teams must be a list');
  // RESOLUTION
  const doc = new Y.Doc();
  migrate(doc);
  setTitle(doc, title);
  setProblem(doc, problem);
  setPhase(doc, DEFAULT_PHASE);
  setTeams(doc, restoreTeams(teamsRaw ?? []));
  setVoting(doc, defaultVoting(bodyField(body, 'lang') === 'es' ? 'es' : 'en'));
  const record: BoardRecord = { id, epoch: randomId(EPOCH_LENGTH), createdAt: Date.now(), joinCode: await uniqueJoinCode(store) };
  await store.create(record, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  const base = { board: id, epoch: record.epoch, team: '', issuedAt: Date.now() };
  return {
    record,
    facilitatorToken: signer.sign({ ...base, role: 'facilitator', id: 'facilitator', name: '' }),
    projectorToken: signer.sign({ ...base, role: 'projector', id: 'projector', name: '' }),
  };
}

/** Parse a board id from a URL segment; null when it is not a well-formed id. */
export const parseBoardId = (s: string | undefined): BoardId | null => (isBoardId(s) ? s : null);

/** The board a typed join code opens, or null (wrong or malformed code). */
export async function boardForCode(store: BoardStore, typed: unknown): Promise<BoardRecord | null> {
  if (typeof typed !== 'string' || typed.length > 32) return null;
  const code = normalizeJoinCode(typed);
  return isJoinCode(code) ? store.findByJoinCode(code) : null;
}

/** Join a board as a participant: returns a signed token for a new (or the same) identity. */
export async function joinBoard(store: BoardStore, hub: Hub, signer: TokenSigner, record: BoardRecord, body: unknown) {
  // VALIDATION
  const name = optionalString(body, 'name', MAX_NAME) || friendlyName();
  const team = optionalString(body, 'team', 64) ?? '';
  const teams = await boardTeams(hub, record.id);
  if (team && !teams.some((t) => t.id === team)) throw new HttpError(400, 'no such team on this board');
  // A participant rejoining from the same browser keeps their id (and so their notes), unless removed.
  const prior = signer.verify(bodyField(body, 'previousToken'));
  let id = prior && prior.board === record.id && prior.epoch === record.epoch && prior.role === 'participant' ? prior.id : null;
  if (id && (await store.isRemoved(record.id, id))) throw new HttpError(403, 'you were removed from this board');
  id ??= `p-${randomId(12)}`;
  // RESOLUTION
  await store.addParticipant(record.id, { id, name, team, joinedAt: Date.now() });
  const token = signer.sign({ board: record.id, epoch: record.epoch, role: 'participant', id, name, team, issuedAt: Date.now() });
  return { boardId: record.id, epoch: record.epoch, token, participant: { id, name, team } };
}

/** The board's teams, from its (loaded) document. */
export async function boardTeams(hub: Hub, id: BoardId): Promise<Team[]> {
  return restoreTeams(getMeta((await openRoom(hub, id)).doc).get('teams'));
}

export type CommandResult = Record<string, unknown>;

/**
 * A facilitator command. The caller has verified a facilitator token for this board (AUTH);
 * `closeParticipant` ends a removed participant's sockets at once.
 */
export async function runCommand(
  store: BoardStore,
  hub: Hub,
  claims: Claims,
  body: unknown,
  closeParticipant: (boardId: BoardId, participantId: string) => void,
  drafts: DraftCounts,
): Promise<CommandResult> {
  // AUTH
  if (claims.role !== 'facilitator') throw new HttpError(403, 'only the facilitator can do that');
  const id = claims.board;
  const type = bodyField(body, 'type');
  const voting = await votingCommand(store, hub, id, type, body);
  if (voting) return voting;
  const facilitation = await facilitationCommand(hub, drafts, id, type, body);
  if (facilitation) return facilitation;
  const open = async () => (await openRoom(hub, id)).doc;
  switch (type) {
    case 'setPhase': {
      // VALIDATION
      const phase = bodyField(body, 'phase');
      if (!isPhase(phase)) throw new HttpError(400, 'unknown phase');
      // RESOLUTION
      setPhase(await open(), phase);
      return { phase };
    }
    case 'setLocked': {
      const locked = bodyField(body, 'locked');
      if (typeof locked !== 'boolean') throw new HttpError(400, 'locked must be true or false');
      setLocked(await open(), locked);
      return { locked };
    }
    case 'setTitle': {
      const title = optionalString(body, 'title', MAX_TITLE);
      if (title === undefined) throw new HttpError(400, 'title is required');
      setTitle(await open(), title);
      return { title };
    }
    case 'setProblem': {
      const problem = optionalString(body, 'problem', MAX_PROBLEM);
      if (problem === undefined) throw new HttpError(400, 'problem is required');
      setProblem(await open(), problem);
      return { problem };
    }
    case 'setTeams': {
      const teams = bodyField(body, 'teams');
      if (!Array.isArray(teams)) throw new HttpError(400, 'teams must be a list');
      return { teams: setTeams(await open(), teams as Team[]) };
    }
    case 'setPlan': {
      const raw = bodyField(body, 'plan');
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new HttpError(400, 'plan must be an object');
      const rows = (raw as { rows?: unknown }).rows;
      if (rows !== undefined && (!Array.isArray(rows) || rows.length > MAX_PLAN_ROWS)) throw new HttpError(400, `plan rows must be a list of at most ${MAX_PLAN_ROWS}`);
      const plan = restorePlan(raw);
      setPlan(await open(), plan);
      return { plan };
    }
    case 'rotateJoinCode': {
      const code = await uniqueJoinCode(store);
      await store.setJoinCode(id, code);
      return { joinCode: code };
    }
    case 'removeParticipant': {
      const pid = bodyField(body, 'participantId');
      if (typeof pid !== 'string' || !/^p-[A-Za-z0-9]{1,32}$/.test(pid)) throw new HttpError(400, 'participantId is required');
      await store.removeParticipant(id, pid);
      closeParticipant(id, pid);
      return { removed: pid };
    }
    default:
      throw new HttpError(400, 'unknown command');
  }
}
