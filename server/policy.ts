/**
 * Enforcement: turn a decoded Yjs update into the actions of shared/policy.ts and check each,
 * before the update is applied or forwarded. Also checks the document shape (known roots,
 * note fields of the right type), so a modified client cannot write outside the schema.
 *
 * How an item is located: a Yjs item names its parent directly (a root name or the id of the
 * nested type's item) only when it has no neighbours; otherwise it inherits parent and key from
 * its origin (left) or right origin. Those may be in the server's document or earlier in the
 * same update. Map entries overwritten or deleted show up in the update's delete set.
 */
import * as Y from 'yjs';
import { isNoteId } from '../shared/ids.js';
import { isNoteColor } from '../shared/palette.js';
import { decide, type Action, type Actor, type BoardRules, type Decision } from '../shared/policy.js';
import { MAX_NAME, MAX_NOTE_TEXT, NOTE_FIELDS, ROOT_META, ROOT_NOTES, type NoteField } from '../shared/schema.js';
import { toPoint } from '../shared/validate.js';
import type { DecodedUpdate } from './updates.js';

type AnyStruct = Y.Item | Y.GC | Y.Skip;

/** Where an item lives: a root map entry, a field of a note, or inside something deleted. */
type Location =
  | { at: 'root'; root: string; key: string | null }
  | { at: 'note'; noteId: string; noteItem: Y.Item; key: string | null }
  | { at: 'gone' }
  | { at: 'unknown' };

const fail = (reason: string): Decision => ({ ok: false, reason });
const OK: Decision = { ok: true };

/** Check a decoded update against the rules for `actor` on a board whose state is `rules`. */
export function checkUpdatePolicy(doc: Y.Doc, actor: Actor, rules: BoardRules, update: DecodedUpdate): Decision {
  const local = new UpdateIndex(update.structs);
  const actions: Action[] = [];
  /** Notes created by this update: id -> fields set in the same update. */
  const created = new Map<string, Map<string, unknown>>();

  for (const s of update.structs) {
    if (!(s instanceof Y.Item)) continue; // GC and Skip carry no content
    if (s.content instanceof Y.ContentDeleted) continue; // created and deleted already: nothing visible
    const loc = locate(doc, local, s);
    if (loc.at === 'unknown') return fail('update refers to content the server does not have');
    if (loc.at === 'gone') continue; // writes into a deleted note integrate as garbage
    if (loc.at === 'root') {
      if (loc.root === ROOT_META) return fail('board settings are changed through facilitator commands');
      if (loc.root !== ROOT_NOTES) return fail(`unknown part of the document: ${loc.root.slice(0, 40)}`);
      if (!loc.key || !isNoteId(loc.key)) return fail('malformed note id');
      if (!(s.content instanceof Y.ContentType) || !(s.content.type instanceof Y.Map)) return fail('a note must be a map');
      created.set(loc.key, new Map());
      continue;
    }
    // A note field.
    const field = loc.key;
    if (!field || !(NOTE_FIELDS as readonly string[]).includes(field)) return fail(`unknown note field: ${String(field).slice(0, 40)}`);
    if (!(s.content instanceof Y.ContentAny) || s.content.arr.length !== 1) return fail('a note field must hold one plain value');
    const value = s.content.arr[0];
    const bad = checkFieldValue(field as NoteField, value);
    if (bad) return fail(bad);
    const fresh = created.get(loc.noteId);
    if (fresh && local.has(loc.noteItem.id)) {
      fresh.set(field, value);
      continue;
    }
    const action = fieldAction(field as NoteField, noteAuthor(loc.noteItem));
    if (!action) return fail(`a note's ${field} cannot be changed after it is posted`);
    actions.push(action);
  }

  for (const [, fields] of created) {
    const author = fields.get('author');
    const team = fields.get('team');
    if (typeof author !== 'string' || toPoint(fields.get('pos')) === null) return fail('a new note needs an author and a position');
    actions.push({ kind: 'note.create', author, team: typeof team === 'string' ? team : '' });
  }

  // Deletions of content the server has and has not already deleted. A client's sync step 2
  // carries its whole delete set, so deletions it merely knows about are common and harmless.
  const deletions: Y.Item[] = [];
  for (const [client, ranges] of update.ds.clients) {
    const structs = doc.store.clients.get(client);
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (end > known && !local.covers(client, Math.max(clock, known), end)) {
        return fail('update deletes content the server does not have');
      }
      if (!structs || clock >= known) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < end; i++) {
        const item = structs[i]!;
        if (!(item instanceof Y.Item) || item.deleted) continue;
        deletions.push(item);
      }
    }
  }
  // Deleting a note deletes its fields with it: those count as part of the note's deletion.
  const deletedNotes = new Set<Y.Item>();
  const located = deletions.map((item) => {
    const loc = locateIntegrated(doc, item);
    if (loc.at === 'root' && loc.root === ROOT_NOTES) deletedNotes.add(item);
    return loc;
  });
  for (let i = 0; i < deletions.length; i++) {
    const loc = located[i]!;
    if (loc.at === 'gone') continue;
    if (loc.at === 'unknown') return fail('update deletes content the server cannot place');
    if (loc.at === 'root') {
      if (loc.root !== ROOT_NOTES) return fail('board settings are changed through facilitator commands');
      actions.push({ kind: 'note.delete', note: { author: noteAuthor(deletions[i]!) } });
    } else if (!deletedNotes.has(loc.noteItem)) {
      // Overwriting a field deletes its previous value; the new value was checked above.
      // A bare deletion of a field is an edit of that field.
      const action = fieldAction((loc.key ?? '') as NoteField, noteAuthor(loc.noteItem));
      if (!action) return fail('a note\'s fixed fields cannot be removed');
      actions.push(action);
    }
  }

  for (const a of actions) {
    const d = decide(actor, rules, a);
    if (!d.ok) return d;
  }
  return OK;
}

function fieldAction(field: NoteField, author: string): Action | null {
  switch (field) {
    case 'text':
    case 'color':
      return { kind: 'note.edit', note: { author } };
    case 'pos':
    case 'updatedAt':
      return { kind: 'note.move', note: { author } };
    default:
      return null; // author, authorName, team, createdAt are fixed at creation
  }
}

/** Why `value` is not acceptable for `field`, or null when it is. */
function checkFieldValue(field: NoteField, value: unknown): string | null {
  switch (field) {
    case 'text':
      return typeof value === 'string' && value.length <= MAX_NOTE_TEXT ? null : 'note text must be a string within the length limit';
    case 'authorName':
      return typeof value === 'string' && value.length <= MAX_NAME ? null : 'author name must be a short string';
    case 'author':
    case 'team':
      return typeof value === 'string' && value.length <= 64 ? null : `note ${field} must be a short string`;
    case 'color':
      return isNoteColor(value) ? null : 'note color must be one of the palette';
    case 'pos': {
      const p = toPoint(value);
      const v = value as { x: number; y: number };
      return p && p.x === v.x && p.y === v.y ? null : 'note position must be whole numbers on the canvas';
    }
    case 'createdAt':
    case 'updatedAt':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? null : `note ${field} must be a time`;
  }
}

const noteAuthor = (noteItem: Y.Item): string => {
  const content = noteItem.content;
  if (content instanceof Y.ContentType && content.type instanceof Y.Map) {
    const a = content.type.get('author');
    return typeof a === 'string' ? a : '';
  }
  return '';
};

/** Locate an item of the update (not yet integrated). */
function locate(doc: Y.Doc, local: UpdateIndex, item: Y.Item, depth = 0): Location {
  if (depth > 64) return { at: 'unknown' };
  const parent = item.parent as unknown;
  if (typeof parent === 'string') return { at: 'root', root: parent, key: item.parentSub };
  if (parent instanceof Y.ID) {
    const p = findStruct(doc, local, parent);
    if (!p) return { at: 'unknown' };
    if (!(p instanceof Y.Item) || !(p.content instanceof Y.ContentType)) return p instanceof Y.Item ? { at: 'unknown' } : { at: 'gone' };
    const pl = local.has(p.id) ? locate(doc, local, p, depth + 1) : locateIntegrated(doc, p);
    if (pl.at === 'gone' || pl.at === 'unknown') return pl;
    if (pl.at === 'root' && pl.root === ROOT_NOTES && pl.key) return { at: 'note', noteId: pl.key, noteItem: p, key: item.parentSub };
    return { at: 'unknown' };
  }
  const ref = item.origin ?? item.rightOrigin;
  if (!ref) return { at: 'unknown' };
  const r = findStruct(doc, local, ref);
  if (!r) return { at: 'unknown' };
  if (!(r instanceof Y.Item)) return { at: 'gone' };
  return local.has(r.id) ? locate(doc, local, r, depth + 1) : locateIntegrated(doc, r);
}

/** Locate an item already in the server's document. */
function locateIntegrated(doc: Y.Doc, item: Y.Item): Location {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return { at: 'gone' };
  const parentItem = parent._item;
  if (parentItem === null) {
    let root: string;
    try {
      root = Y.findRootTypeKey(parent);
    } catch {
      return { at: 'unknown' };
    }
    return { at: 'root', root, key: item.parentSub };
  }
  if (parentItem.deleted) return { at: 'gone' };
  const grand = parentItem.parent;
  if (grand instanceof Y.AbstractType && grand._item === null && grand === doc.share.get(ROOT_NOTES) && parentItem.parentSub) {
    return { at: 'note', noteId: parentItem.parentSub, noteItem: parentItem, key: item.parentSub };
  }
  return { at: 'unknown' };
}

function findStruct(doc: Y.Doc, local: UpdateIndex, id: Y.ID): AnyStruct | null {
  const l = local.find(id);
  if (l) return l;
  if (id.clock >= Y.getState(doc.store, id.client)) return null;
  try {
    return Y.getItem(doc.store, id) as AnyStruct;
  } catch {
    return null;
  }
}

/** The structs of one update, findable by id (ranges, since one struct can span many clocks). */
class UpdateIndex {
  private readonly byClient = new Map<number, AnyStruct[]>();
  constructor(structs: AnyStruct[]) {
    for (const s of structs) {
      let list = this.byClient.get(s.id.client);
      if (!list) this.byClient.set(s.id.client, (list = []));
      list.push(s);
    }
  }
  find(id: Y.ID): AnyStruct | null {
    const list = this.byClient.get(id.client);
    if (!list) return null;
    for (const s of list) if (id.clock >= s.id.clock && id.clock < s.id.clock + s.length) return s;
    return null;
  }
  has(id: Y.ID): boolean {
    return this.find(id) !== null;
  }
  /** True when [from, to) of `client` is entirely inside this update. */
  covers(client: number, from: number, to: number): boolean {
    const list = this.byClient.get(client);
    if (!list || list.length === 0) return false;
    const first = list[0]!;
    const last = list[list.length - 1]!;
    return from >= first.id.clock && to <= last.id.clock + last.length;
  }
}
