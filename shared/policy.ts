/**
 * Who may do what, written once. The client uses these predicates to show only allowed
 * actions; the server uses the same ones to check every incoming change before it is applied
 * or forwarded (server/policy.ts maps a Yjs update to these actions).
 *
 * The rules are the roles table of the product brief:
 *
 * | action                                  | facilitator | participant                              | projector |
 * |-----------------------------------------|-------------|------------------------------------------|-----------|
 * | post / edit / move / delete own notes   | yes         | brainstorm & cluster phases, unlocked    | no        |
 * | edit / move / delete others' notes      | yes         | move only, cluster phase, unlocked       | no        |
 * | create / rename / move categories        | yes         | cluster phase, unlocked                  | no        |
 * | delete / merge categories               | yes         | no                                       | no        |
 * | vote                                    | if taking part | own votes, vote phase                 | no        |
 * | phase, timer, lock, reveal, criteria,   | yes         | no                                       | no        |
 * |   decision, teams, board settings       |             |                                          |           |
 */
import type { Phase } from './phases.js';

export const ROLES = ['facilitator', 'participant', 'projector'] as const;
export type Role = (typeof ROLES)[number];

/** The identity a server-verified token grants. */
export interface Actor {
  role: Role;
  /** Participant id (stable across reloads); 'facilitator' or 'projector' for those roles. */
  id: string;
  team: string;
}

/** The parts of board state the rules depend on. */
export interface BoardRules {
  phase: Phase;
  locked: boolean;
  /** Silent brainstorm: participants draft on their own device; nothing is posted until reveal. */
  silent?: boolean;
  /** Anonymous: notes carry no author name. */
  anonymous?: boolean;
}

/** The note an action touches, as far as the rules care. */
export interface NoteRef {
  author: string;
}

export type Action =
  | { kind: 'note.create'; author: string; team: string; authorName?: string }
  | { kind: 'note.edit'; note: NoteRef }
  | { kind: 'note.move'; note: NoteRef }
  | { kind: 'note.delete'; note: NoteRef }
  | { kind: 'category.write' }
  | { kind: 'category.remove' }
  | { kind: 'vote' }
  | { kind: 'facilitate' };

/** Which rule refused, for UIs that explain it in the reader's language. */
export type RefusalCode = 'projector' | 'facilitator-only' | 'locked' | 'phase' | 'not-author' | 'forged' | 'move-others' | 'silent' | 'anonymous';

export type Decision = { ok: true } | { ok: false; reason: string; code: RefusalCode };

const OK: Decision = { ok: true };
const no = (reason: string, code: RefusalCode): Decision => ({ ok: false, reason, code });

const NOTE_PHASES: readonly Phase[] = ['brainstorm', 'cluster'];

/** May `actor` perform `action` on a board in state `board`? With a reason when not. */
export function decide(actor: Actor, board: BoardRules, action: Action): Decision {
  if (actor.role === 'projector') return no('the projector view is read-only', 'projector');
  if (actor.role === 'facilitator') return OK;
  // Participant from here on.
  if (action.kind === 'facilitate' || action.kind === 'category.remove') return no('only the facilitator can do that', 'facilitator-only');
  if (board.locked) return no('the board is locked', 'locked');
  switch (action.kind) {
    case 'note.create':
      if (!NOTE_PHASES.includes(board.phase)) return no(`notes cannot be added in the ${board.phase} phase`, 'phase');
      if (action.author !== actor.id) return no('a note must carry its own author', 'forged');
      if (action.team !== actor.team) return no('a note must carry its author\'s team', 'forged');
      if (board.silent) return no('notes stay on your device until the facilitator reveals them', 'silent');
      if (board.anonymous && action.authorName) return no('this board is anonymous: notes carry no names', 'anonymous');
      return OK;
    case 'note.edit':
    case 'note.delete':
      if (action.note.author !== actor.id) return no('only the author or the facilitator can change this note', 'not-author');
      if (!NOTE_PHASES.includes(board.phase)) return no(`notes cannot be changed in the ${board.phase} phase`, 'phase');
      return OK;
    case 'note.move':
      if (action.note.author === actor.id) {
        return NOTE_PHASES.includes(board.phase) ? OK : no(`notes cannot be moved in the ${board.phase} phase`, 'phase');
      }
      return board.phase === 'cluster' ? OK : no('other people\'s notes can be moved only while clustering', 'move-others');
    case 'category.write':
      return board.phase === 'cluster' ? OK : no(`categories cannot be changed in the ${board.phase} phase`, 'phase');
    case 'vote':
      return board.phase === 'vote' ? OK : no('voting is not open', 'phase');
  }
}

/** Convenience for UI code: true when `decide` allows the action. */
export const can = (actor: Actor, board: BoardRules, action: Action): boolean => decide(actor, board, action).ok;
