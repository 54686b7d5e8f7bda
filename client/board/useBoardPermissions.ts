import { useCallback, useMemo } from 'react';
import { can, type Actor, type BoardRules } from '../../shared/policy.js';
import { refusal, type Refusal } from '../access/reasons.js';
import type { NotePermissions } from './NoteCard.js';

export interface BoardPermissions {
  /** Why adding a note is refused now, or null when it is allowed. */
  addRefusal: Refusal | null;
  canAdd: boolean;
  note: (author: string) => NotePermissions;
  canMoveNote: (author: string) => boolean;
  /** Create, rename, describe, recolor, move, resize, reorder categories. */
  canWriteCategories: boolean;
  /** Merge and delete categories. */
  canRemoveCategories: boolean;
  /** Whether undo and redo may replay this person's earlier writes now. */
  canReplay: boolean;
}

/**
 * The controls to offer, from the same predicates the server enforces (shared/policy.ts), so
 * the UI never offers a write that would be refused and cost the connection.
 */
export function useBoardPermissions(actor: Actor, rules: BoardRules): BoardPermissions {
  const note = useCallback(
    (author: string) => ({
      edit: can(actor, rules, { kind: 'note.edit', note: { author } }),
      move: can(actor, rules, { kind: 'note.move', note: { author } }),
      remove: can(actor, rules, { kind: 'note.delete', note: { author } }),
    }),
    [actor, rules],
  );
  const canMoveNote = useCallback((author: string) => can(actor, rules, { kind: 'note.move', note: { author } }), [actor, rules]);
  return useMemo(() => {
    const addRefusal = refusal(actor, rules, { kind: 'note.create', author: actor.id, team: actor.team });
    const canAdd = addRefusal === null;
    return {
      addRefusal,
      canAdd,
      note,
      canMoveNote,
      canWriteCategories: can(actor, rules, { kind: 'category.write' }),
      canRemoveCategories: can(actor, rules, { kind: 'category.remove' }),
      // Undo replays our own earlier writes; once the phase closes them, replaying would be refused.
      canReplay: actor.role === 'facilitator' || canAdd,
    };
  }, [actor, rules, note, canMoveNote]);
}
