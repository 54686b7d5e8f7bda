/**
 * Board-level state: the selector everyone uses, and the writers the server runs on a
 * facilitator's command (clients never write `meta` directly; the server refuses it).
 */
import type * as Y from 'yjs';
import { isPhase, type Phase } from './phases.js';
import { getMeta, MAX_PROBLEM, MAX_TITLE, type BoardMeta, type Team } from './schema.js';
import { SERVER_ORIGIN } from './origins.js';
import { cleanText, restoreMeta, restoreTeams } from './validate.js';
import type { BoardRules } from './policy.js';
import { restoreVoting, type VotingSettings } from './criteria.js';
import { restoreTimer, type TimerState } from './timer.js';
import type { Results } from './tally.js';

/** Results as written into the board on reveal. */
export interface RevealedResults extends Results {
  round: number;
  revealedAt: number;
  /** Voter display name -> criterion -> target -> value; absent on anonymous boards. */
  perVoter?: Record<string, Record<string, Record<string, number>>>;
  /** Team id -> voters from that team who voted. */
}

/** The board's voting settings and round status. */
export const selectVoting = (doc: Y.Doc): VotingSettings => restoreVoting(getMeta(doc).get('voting'));

export function setVoting(doc: Y.Doc, voting: VotingSettings, origin: unknown = SERVER_ORIGIN): void {
  doc.transact(() => getMeta(doc).set('voting', restoreVoting(voting)), origin);
}

/** Revealed results (written only on reveal), or null while votes are hidden. */
export const selectResults = (doc: Y.Doc): RevealedResults | null => {
  const r = getMeta(doc).get('results');
  return typeof r === 'object' && r !== null && Array.isArray((r as RevealedResults).ranking) ? (r as RevealedResults) : null;
};

export function setResults(doc: Y.Doc, results: RevealedResults | null, origin: unknown = SERVER_ORIGIN): void {
  doc.transact(() => getMeta(doc).set('results', results), origin);
}

/** The facilitator's recorded decision: the chosen solution and why, per criterion. */
export interface Decision {
  target: string;
  rationale: Record<string, string>;
  decidedAt: number;
}

export const selectDecision = (doc: Y.Doc): Decision | null => {
  const d = getMeta(doc).get('decision');
  return typeof d === 'object' && d !== null && typeof (d as Decision).target === 'string' ? (d as Decision) : null;
};

export function setDecision(doc: Y.Doc, decision: Decision | null, origin: unknown = SERVER_ORIGIN): void {
  doc.transact(() => getMeta(doc).set('decision', decision), origin);
}

/** Anonymous boards never carry author names or per-voter detail to other clients. */
export const selectAnonymous = (doc: Y.Doc): boolean => getMeta(doc).get('anonymous') === true;

/** Silent brainstorm: participants' new notes stay on their own device until the facilitator reveals. */
export const selectSilent = (doc: Y.Doc): boolean => getMeta(doc).get('silent') === true;

/** "Follow me": the projector and participants follow the facilitator's viewport. */
export const selectFollowMe = (doc: Y.Doc): boolean => getMeta(doc).get('followMe') === true;

export const selectTimer = (doc: Y.Doc): TimerState | null => restoreTimer(getMeta(doc).get('timer'));

/** Set a board-level mode flag (anonymous, silent, followMe); server only. */
export function setFlag(doc: Y.Doc, key: 'anonymous' | 'silent' | 'followMe', on: boolean, origin: unknown = SERVER_ORIGIN): void {
  doc.transact(() => getMeta(doc).set(key, on), origin);
}

export function setTimer(doc: Y.Doc, timer: TimerState | null, origin: unknown = SERVER_ORIGIN): void {
  doc.transact(() => getMeta(doc).set('timer', timer), origin);
}

/** Board meta as plain validated data. */
export const selectMeta = (doc: Y.Doc): BoardMeta => restoreMeta(getMeta(doc).toJSON());

/** The parts of meta the permission rules read. */
export function selectRules(doc: Y.Doc): BoardRules {
  const meta = getMeta(doc);
  const phase = meta.get('phase');
  return {
    phase: isPhase(phase) ? phase : 'frame',
    locked: meta.get('locked') === true,
    silent: meta.get('silent') === true,
    anonymous: meta.get('anonymous') === true,
  };
}

export function setPhase(doc: Y.Doc, phase: Phase, origin: unknown = SERVER_ORIGIN): void {
  doc.transact(() => getMeta(doc).set('phase', phase), origin);
}

export function setLocked(doc: Y.Doc, locked: boolean, origin: unknown = SERVER_ORIGIN): void {
  doc.transact(() => getMeta(doc).set('locked', locked), origin);
}

export function setTitle(doc: Y.Doc, title: string, origin: unknown = SERVER_ORIGIN): void {
  doc.transact(() => getMeta(doc).set('title', cleanText(title, MAX_TITLE).trim()), origin);
}

export function setProblem(doc: Y.Doc, problem: string, origin: unknown = SERVER_ORIGIN): void {
  doc.transact(() => getMeta(doc).set('problem', cleanText(problem, MAX_PROBLEM).trim()), origin);
}

/** Replace the team list (validated: unique ids, names required, bounded). */
export function setTeams(doc: Y.Doc, teams: Team[], origin: unknown = SERVER_ORIGIN): Team[] {
  const clean = restoreTeams(teams);
  doc.transact(() => getMeta(doc).set('teams', clean), origin);
  return clean;
}
