/**
 * Board-level state: the selector everyone uses, and the writers the server runs on a
 * facilitator's command (clients never write `meta` directly; the server refuses it).
 */
import type * as Y from 'yjs';
import { isPhase, type Phase } from './phases.js';
import { getMeta, MAX_TITLE, type BoardMeta, type Team } from './schema.js';
import { SERVER_ORIGIN } from './origins.js';
import { cleanText, restoreMeta, restoreTeams } from './validate.js';
import type { BoardRules } from './policy.js';

/** Board meta as plain validated data. */
export const selectMeta = (doc: Y.Doc): BoardMeta => restoreMeta(getMeta(doc).toJSON());

/** The parts of meta the permission rules read. */
export function selectRules(doc: Y.Doc): BoardRules {
  const meta = getMeta(doc);
  const phase = meta.get('phase');
  return { phase: isPhase(phase) ? phase : 'frame', locked: meta.get('locked') === true };
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

/** Replace the team list (validated: unique ids, names required, bounded). */
export function setTeams(doc: Y.Doc, teams: Team[], origin: unknown = SERVER_ORIGIN): Team[] {
  const clean = restoreTeams(teams);
  doc.transact(() => getMeta(doc).set('teams', clean), origin);
  return clean;
}
