/**
 * Enforcement: turn a decoded Yjs update into the actions of shared/policy.ts and check each,
 * before the update is applied or forwarded. Also checks the document shape (known roots,
 * record fields of the right type), so a modified client cannot write outside the schema.
 *
 * How an item is located: a Yjs item names its parent directly (a root name or the id of the
 * nested type's item) only when it has no neighbours; otherwise it inherits parent and key from
 * its origin (left) or right origin. Those may be in the server's document or earlier in the
 * same update. Map entries overwritten or deleted show up in the update's delete set.
 */
import * as Y from 'yjs';
import { isClusterId, isNoteId } from '../shared/ids.js';
import { isNoteColor } from '../shared/palette.js';
import { decide, type Action, type Actor, type BoardRules } from '../shared/policy.js';
import {
  CLUSTER_FIELDS, MAX_CLUSTER_DESCRIPTION, MAX_CLUSTER_NAME, MAX_NAME, MAX_NOTE_TEXT, NOTE_FIELDS,
  ROOT_CLUSTERS, ROOT_META, ROOT_NOTES,
} from '../shared/schema.js';
import { toPoint, toSize } from '../shared/validate.js';
import type { DecodedUpdate } from './updates.js';

type AnyStruct = Y.Item | Y.GC | Y.Skip;
type RecordKind = 'note' | 'cluster';

/** Where an item lives: a root map entry, a field of a note or category, or inside something deleted. */
type Location =
  | { at: 'root'; root: string; key: string | null }
  | { at: 'field'; kind: RecordKind; recordId: string; record: Y.Item; key: string | null }
  | { at: 'gone' }
  | { at: 'unknown' };

/** The verdict: allowed, refused by the rules (4403), or not a valid board change at all (4400). */
export type Verdict = { ok: true } | { ok: false; reason: string; malformed: boolean };

const OK: Verdict = { ok: true };
const forbidden = (reason: string): Verdict => ({ ok: false, reason, malformed: false });
const malformed = (reason: string): Verdict => ({ ok: false, reason, malformed: true });

const RECORD_ROOTS: Record<string, RecordKind> = { [ROOT_NOTES]: 'note', [ROOT_CLUSTERS]: 'cluster' };
/** RECORD_ROOTS as pairs, made once: locating runs for every item of every update. */
const RECORD_ROOT_LIST = Object.entries(RECORD_ROOTS);

/** Check a decoded update against the rules for `actor` on a board whose state is `rules`. */
export function checkUpdatePolicy(doc: Y.Doc, actor: Actor, rules: BoardRules, update: DecodedUpdate): Verdict {
  const local = new UpdateIndex(update.structs);
  const actions: Action[] = [];
  /** Records created by this update: record item -> fields set in the same update. */
  const created = new Map<Y.Item, { kind: RecordKind; fields: Map<string, unknown> }>();

  for (const s of update.structs) {
    if (!(s instanceof Y.Item)) continue; // GC and Skip carry no content
    if (s.content instanceof Y.ContentDeleted) continue; // created and deleted already: nothing visible
    // Content the server already has is skipped by Yjs, whoever sends it: a client re-sending its
    // copy of the board (an offline copy loaded after connecting) changes nothing.
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue;
    const loc = locate(doc, local, s);
    if (loc.at === 'unknown') return malformed('update refers to content the server does not have');
    if (loc.at === 'gone') continue; // writes into a deleted record integrate as garbage
    if (loc.at === 'root') {
      if (loc.root === ROOT_META) return forbidden('board settings are changed through facilitator commands');
      const kind = RECORD_ROOTS[loc.root];
      if (!kind) return malformed('unknown part of the document');
      if (!loc.key || !(kind === 'note' ? isNoteId(loc.key) : isClusterId(loc.key))) return malformed(`malformed ${kind} id`);
      if (!(s.content instanceof Y.ContentType) || !(s.content.type instanceof Y.Map)) return malformed(`a ${kind} must be a map`);
      created.set(s, { kind, fields: new Map() });
      continue;
    }
    const field = loc.key ?? '';
    const known = (loc.kind === 'note' ? NOTE_FIELDS : CLUSTER_FIELDS) as readonly string[];
    if (!known.includes(field)) return malformed(`unknown ${loc.kind} field`);
    if (!(s.content instanceof Y.ContentAny) || s.content.arr.length !== 1) return malformed(`a ${loc.kind} field must hold one plain value`);
    const value = s.content.arr[0];
    const bad = loc.kind === 'note' ? checkNoteField(field, value) : checkClusterField(field, value);
    if (bad) return malformed(bad);
    const fresh = created.get(loc.record);
    if (fresh) {
      fresh.fields.set(field, value);
      continue;
    }
    const action = fieldAction(loc.kind, field, loc.record);
    if (!action) return forbidden(`a ${loc.kind}'s ${field} cannot be changed`);
    actions.push(action);
  }

  for (const { kind, fields } of created.values()) {
    if (kind === 'note') {
      const author = fields.get('author');
      const team = fields.get('team');
      if (typeof author !== 'string' || toPoint(fields.get('pos')) === null) return malformed('a new note needs an author and a position');
      const authorName = fields.get('authorName');
      if (fields.get('hidden') === true && actor.role !== 'facilitator') return forbidden('only the facilitator can hide notes');
      actions.push({ kind: 'note.create', author, team: typeof team === 'string' ? team : '', authorName: typeof authorName === 'string' ? authorName : '' });
    } else {
      if (typeof fields.get('createdBy') !== 'string' || toPoint(fields.get('pos')) === null) return malformed('a new category needs a creator and a position');
      if (fields.get('createdBy') !== actor.id && actor.role !== 'facilitator') return forbidden('a category must carry its own creator');
      if (fields.get('deleted') === true) return forbidden('a category cannot be created deleted');
      actions.push({ kind: 'category.write' });
    }
  }

  // Deletions of content the server has and has not already deleted. A client's sync step 2
  // carries its whole delete set, so deletions it merely knows about are common and harmless.
  const deletions: Y.Item[] = [];
  for (const [client, ranges] of update.ds.clients) {
    const structs = doc.store.clients.get(client);
    const knownClock = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (end > knownClock && !local.covers(client, Math.max(clock, knownClock), end)) {
        return malformed('update deletes content the server does not have');
      }
      if (!structs || clock >= knownClock) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < end; i++) {
        const item = structs[i]!;
        if (item instanceof Y.Item && !item.deleted) deletions.push(item);
      }
    }
  }
  // Deleting a record deletes its fields with it: those count as part of the record's deletion.
  const located = deletions.map((item) => locateIntegrated(doc, item));
  const deletedRecords = new Set(deletions.filter((_, i) => located[i]!.at === 'root'));
  for (let i = 0; i < deletions.length; i++) {
    const loc = located[i]!;
    if (loc.at === 'gone') continue;
    if (loc.at === 'unknown') return malformed('update deletes content the server cannot place');
    if (loc.at === 'root') {
      const kind = RECORD_ROOTS[loc.root];
      if (!kind) return forbidden('board settings are changed through facilitator commands');
      actions.push(kind === 'note' ? { kind: 'note.delete', note: { author: recordField(deletions[i]!, 'author') } } : { kind: 'category.remove' });
    } else if (!deletedRecords.has(loc.record)) {
      // Overwriting a field deletes its previous value (the new value was checked above); a bare
      // deletion of a field is an edit of that field.
      const action = fieldAction(loc.kind, loc.key ?? '', loc.record);
      if (!action) return forbidden(`a ${loc.kind}'s fixed fields cannot be removed`);
      actions.push(action);
    }
  }

  for (const a of actions) {
    const d = decide(actor, rules, a);
    if (!d.ok) return forbidden(d.reason);
  }
  return OK;
}

function fieldAction(kind: RecordKind, field: string, record: Y.Item): Action | null {
  if (kind === 'note') {
    const note = { author: recordField(record, 'author') };
    switch (field) {
      case 'text':
      case 'color':
        return { kind: 'note.edit', note };
      case 'pos':
      case 'clusterId':
      case 'updatedAt':
        return { kind: 'note.move', note };
      case 'hidden':
        return { kind: 'facilitate' };
      default:
        return null; // author, authorName, team, createdAt are fixed at creation
    }
  }
  switch (field) {
    case 'createdBy':
    case 'createdAt':
      return null;
    case 'deleted':
    case 'mergedInto':
      return { kind: 'category.remove' };
    default:
      return { kind: 'category.write' };
  }
}

const isShortString = (v: unknown, max: number): boolean => typeof v === 'string' && v.length <= max;
const isTime = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isExactPoint = (v: unknown): boolean => {
  const p = toPoint(v);
  return !!p && p.x === (v as { x: number }).x && p.y === (v as { y: number }).y;
};

/** Why `value` is not acceptable for note field `field`, or null when it is. */
function checkNoteField(field: string, value: unknown): string | null {
  switch (field) {
    case 'text':
      return isShortString(value, MAX_NOTE_TEXT) ? null : 'note text must be a string within the length limit';
    case 'authorName':
      return isShortString(value, MAX_NAME) ? null : 'author name must be a short string';
    case 'author':
    case 'team':
      return isShortString(value, 64) ? null : `note ${field} must be a short string`;
    case 'clusterId':
      return value === '' || isClusterId(value) ? null : 'note category must be a category id or empty';
    case 'hidden':
      return typeof value === 'boolean' ? null : 'hidden must be true or false';
    case 'color':
      return isNoteColor(value) ? null : 'note color must be one of the palette';
    case 'pos':
      return isExactPoint(value) ? null : 'note position must be whole numbers on the canvas';
    default:
      return isTime(value) ? null : `note ${field} must be a time`;
  }
}

/** Why `value` is not acceptable for category field `field`, or null when it is. */
function checkClusterField(field: string, value: unknown): string | null {
  switch (field) {
    case 'name':
      return isShortString(value, MAX_CLUSTER_NAME) ? null : 'category name must be a short string';
    case 'description':
      return isShortString(value, MAX_CLUSTER_DESCRIPTION) ? null : 'category description is too long';
    case 'createdBy':
      return isShortString(value, 64) ? null : 'category creator must be a short string';
    case 'color':
      return isNoteColor(value) ? null : 'category color must be one of the palette';
    case 'pos':
      return isExactPoint(value) ? null : 'category position must be whole numbers on the canvas';
    case 'size': {
      const s = toSize(value);
      return s && s.w === (value as { w: number }).w && s.h === (value as { h: number }).h ? null : 'category size out of bounds';
    }
    case 'order':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'category order must be a number';
    case 'deleted':
      return typeof value === 'boolean' ? null : 'deleted must be true or false';
    case 'mergedInto':
      return value === '' || isClusterId(value) ? null : 'mergedInto must be a category id or empty';
    default:
      return isTime(value) ? null : `category ${field} must be a time`;
  }
}

/** A string field of a record already in the document ('' when missing). */
const recordField = (record: Y.Item, key: string): string => {
  const content = record.content;
  if (content instanceof Y.ContentType && content.type instanceof Y.Map) {
    const v = content.type.get(key);
    return typeof v === 'string' ? v : '';
  }
  return '';
};

/** Locate an item of the update (not yet integrated). */
function locate(doc: Y.Doc, local: UpdateIndex, item: Y.Item, depth = 0): Location {
  if (depth > 64) return { at: 'unknown' };
  const parent = item.parent as unknown;
  if (typeof parent === 'string') return { at: 'root', root: parent, key: item.parentSub };
  if (parent instanceof Y.ID) {
    const found = findStruct(doc, local, parent);
    if (!found) return { at: 'unknown' };
    const p = found.struct;
    if (!(p instanceof Y.Item)) return { at: 'gone' };
    if (!(p.content instanceof Y.ContentType)) return { at: 'unknown' };
    const pl = found.integrated ? locateIntegrated(doc, p) : locate(doc, local, p, depth + 1);
    if (pl.at === 'gone' || pl.at === 'unknown') return pl;
    const kind = pl.at === 'root' ? RECORD_ROOTS[pl.root] : undefined;
    if (pl.at === 'root' && kind && pl.key) return { at: 'field', kind, recordId: pl.key, record: p, key: item.parentSub };
    return { at: 'unknown' };
  }
  const ref = item.origin ?? item.rightOrigin;
  if (!ref) return { at: 'unknown' };
  const found = findStruct(doc, local, ref);
  if (!found) return { at: 'unknown' };
  const r = found.struct;
  if (!(r instanceof Y.Item)) return { at: 'gone' };
  return found.integrated ? locateIntegrated(doc, r) : locate(doc, local, r, depth + 1);
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
  for (const [root, kind] of RECORD_ROOT_LIST) {
    if (grand === doc.share.get(root) && parentItem.parentSub) {
      return { at: 'field', kind, recordId: parentItem.parentSub, record: parentItem, key: item.parentSub };
    }
  }
  return { at: 'unknown' };
}

/**
 * The struct with id `id`: the server's own when it has that id, else the update's. An update may
 * carry copies of content the server has (Yjs skips them); a copy is not trusted, since a forged
 * one could claim another parent, say the sender's own note for a field of someone else's.
 */
function findStruct(doc: Y.Doc, local: UpdateIndex, id: Y.ID): { struct: AnyStruct; integrated: boolean } | null {
  if (id.clock < Y.getState(doc.store, id.client)) {
    try {
      return { struct: Y.getItem(doc.store, id) as AnyStruct, integrated: true };
    } catch {
      return null;
    }
  }
  const l = local.find(id);
  return l ? { struct: l, integrated: false } : null;
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
