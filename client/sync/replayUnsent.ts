/**
 * After the server refused a write (CLOSE.FORBIDDEN), the old document holds that write and
 * perhaps other work the server never saw (everything sent after the refused message, or a
 * whole offline session sent as one sync step). We start over from the server's state and
 * carry across, as new local changes, every unsent change the rules allow now; the rest is
 * dropped, which is what "undone" means to the person.
 *
 * Which changes were unsent is found by merging the old state into a copy of the server's:
 * whatever differs from the server is exactly what the server would have had if it had
 * accepted everything, so concurrent edits resolve the way Yjs would have resolved them.
 */
import * as Y from 'yjs';
import { isNoteId } from '../../shared/ids.js';
import { selectAnonymous, selectRules } from '../../shared/meta.js';
import { absolutePos, assignNote } from '../../shared/clusters.js';
import { addNote, deleteNote, editNote, moveNote, recolorNote, selectNotes } from '../../shared/notes.js';
import { LOCAL_ORIGIN } from '../../shared/origins.js';
import type { Actor } from '../../shared/policy.js';
import type { Note } from '../../shared/schema.js';
import { refusal, type Refusal } from '../access/reasons.js';
import { clusterChanges, type ReplayChange } from './replayClusters.js';

export interface ReplayOutcome {
  /** Unsent changes carried over to the new session. */
  kept: number;
  /** Why each dropped change was refused, first one first. */
  dropped: Refusal[];
}

type Change = ReplayChange;

/** The unsent changes of `before` relative to `server`, each with the action the rules judge. */
function unsentChanges(server: Y.Doc, before: Uint8Array): Change[] {
  const merged = new Y.Doc();
  try {
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(merged, before);
    const now = new Map(selectNotes(server).map((n) => [n.id, n]));
    const then = new Map(selectNotes(merged).map((n) => [n.id, n]));
    // Categories first (notes may be sorted into new ones), their deletions last (after notes left them).
    const categories = clusterChanges(server, merged);
    const changes: Change[] = [...categories.before];
    for (const [id, note] of then) {
      const current = now.get(id);
      if (!current) {
        changes.push({ action: { kind: 'note.create', author: note.author, team: note.team }, apply: () => recreate(server, note) });
        continue;
      }
      const ref = { author: current.author };
      if (note.text !== current.text) changes.push({ action: { kind: 'note.edit', note: ref }, apply: () => editNote(server, id, note.text) });
      if (note.color !== current.color) changes.push({ action: { kind: 'note.edit', note: ref }, apply: () => recolorNote(server, id, note.color) });
      if (note.clusterId !== current.clusterId) {
        // Sorted elsewhere: where it was on the board then, read now, before the merged copy goes.
        const abs = absolutePos(merged, note);
        changes.push({ action: { kind: 'note.move', note: ref }, apply: () => assignNote(server, id, note.clusterId, abs) });
      } else if (note.pos.x !== current.pos.x || note.pos.y !== current.pos.y) {
        changes.push({ action: { kind: 'note.move', note: ref }, apply: () => moveNote(server, id, note.pos) });
      }
    }
    for (const [id, current] of now) {
      if (!then.has(id)) changes.push({ action: { kind: 'note.delete', note: { author: current.author } }, apply: () => deleteNote(server, id) });
    }
    return [...changes, ...categories.after];
  } finally {
    merged.destroy();
  }
}

/**
 * The same id as before, so a note being edited or selected stays the same note. Without its
 * name when the board has turned anonymous meanwhile: the server refuses a named note then.
 */
function recreate(doc: Y.Doc, n: Note): void {
  if (!isNoteId(n.id)) return;
  const authorName = selectAnonymous(doc) ? '' : n.authorName;
  addNote(doc, {
    id: n.id, text: n.text, pos: n.pos, color: n.color, author: n.author, authorName, team: n.team, clusterId: n.clusterId, now: n.createdAt,
  });
}

/**
 * Re-apply on `server` (a freshly synced document) the changes of `before` that `actor` may
 * make under the rules `server` holds now, as one local transaction.
 */
export function replayUnsent(server: Y.Doc, before: Uint8Array, actor: Actor): ReplayOutcome {
  let changes: Change[];
  try {
    changes = unsentChanges(server, before);
  } catch {
    // An old state that does not merge is not worth risking the new session for.
    return { kept: 0, dropped: [] };
  }
  const rules = selectRules(server);
  const dropped: Refusal[] = [];
  const allowed: Change[] = [];
  for (const c of changes) {
    const no = refusal(actor, rules, c.action);
    if (no) dropped.push(no);
    else allowed.push(c);
  }
  if (allowed.length > 0) server.transact(() => allowed.forEach((c) => c.apply()), LOCAL_ORIGIN);
  return { kept: allowed.length, dropped };
}
