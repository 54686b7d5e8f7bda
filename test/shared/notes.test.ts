import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ID_ALPHABET, isNoteId, type NoteId } from '../../shared/ids.js';
import {
  addNote, deleteNote, editNote, moveNote, recolorNote, selectNote, selectNotes, type NewNote,
} from '../../shared/notes.js';
import { LOCAL_ORIGIN, SERVER_ORIGIN } from '../../shared/origins.js';
import { DEFAULT_NOTE_COLOR } from '../../shared/palette.js';
import { CANVAS_MAX, CANVAS_MIN, MAX_NAME, MAX_NOTE_TEXT, NOTE_FIELDS, getNotes, type Point } from '../../shared/schema.js';

const T0 = 1_700_000_000_000;
const T1 = T0 + 60_000;

const base: NewNote = { text: 'Idea', pos: { x: 10, y: 20 }, author: 'p1', authorName: 'Ana', now: T0 };

/** Every 'update' the doc emits, with its origin: an empty list means nothing was written. */
function recordUpdates(doc: Y.Doc): { origin: unknown; update: Uint8Array }[] {
  const seen: { origin: unknown; update: Uint8Array }[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => seen.push({ origin, update }));
  return seen;
}

const nid = (s: string): NoteId => s.padEnd(12, 'a') as NoteId;

/** Two empty replicas with fixed client ids, so conflict winners do not change between runs. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.clientID = 1;
  b.clientID = 2;
  return [a, b];
}
/** Exchange everything, as sync step 1 / step 2 would. */
const sync = (...docs: Y.Doc[]): void => {
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
};

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(T1);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('addNote', () => {
  it('stores a nested Y.Map with one key per field and pos as a single {x, y} value', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, { ...base, color: 'green', team: 'red-team' });
    const m = getNotes(doc).get(id);
    expect(m).toBeInstanceOf(Y.Map);
    expect([...m!.keys()].sort()).toEqual([...NOTE_FIELDS].sort());
    const pos = m!.get('pos');
    expect(pos).not.toBeInstanceOf(Y.AbstractType);
    expect(pos).toEqual({ x: 10, y: 20 });
    expect(m!.toJSON()).toEqual({
      text: 'Idea', pos: { x: 10, y: 20 }, color: 'green', author: 'p1', authorName: 'Ana',
      team: 'red-team', clusterId: '', hidden: false, createdAt: T0, updatedAt: T0,
    });
  });

  it('generates a valid, fresh note id unless one is given', () => {
    const doc = new Y.Doc();
    const a = addNote(doc, base);
    const b = addNote(doc, base);
    expect(isNoteId(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(addNote(doc, { ...base, id: nid('given') })).toBe(nid('given'));
    expect(getNotes(doc).size).toBe(3);
  });

  it('fills defaults: empty text, default color, no team, the current time', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, { pos: { x: 0, y: 0 }, author: 'p1', authorName: 'Ana' });
    expect(selectNote(doc, id)).toMatchObject({ text: '', color: DEFAULT_NOTE_COLOR, team: '', createdAt: T1, updatedAt: T1 });
  });

  it.each<[string, Point, Point]>([
    ['inside the canvas', { x: 3, y: -4 }, { x: 3, y: -4 }],
    ['rounded', { x: 3.4, y: -4.6 }, { x: 3, y: -5 }],
    ['clamped', { x: 1e9, y: -1e9 }, { x: CANVAS_MAX, y: CANVAS_MIN }],
    ['NaN falls back to the origin', { x: NaN, y: 5 }, { x: 0, y: 0 }],
    ['Infinity falls back to the origin', { x: 5, y: Infinity }, { x: 0, y: 0 }],
  ])('position %s', (_label, pos, expected) => {
    const doc = new Y.Doc();
    const id = addNote(doc, { ...base, pos });
    expect(getNotes(doc).get(id)!.get('pos')).toEqual(expected);
  });

  it('cleans and bounds the text and the author fields', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, {
      ...base,
      text: 'a\u0000b\nc' + 'x'.repeat(MAX_NOTE_TEXT),
      author: 'p'.repeat(100),
      authorName: 'A\u0007' + 'n'.repeat(MAX_NAME),
    });
    const m = getNotes(doc).get(id)!;
    expect(m.get('text')).toBe(('ab\nc' + 'x'.repeat(MAX_NOTE_TEXT)).slice(0, MAX_NOTE_TEXT));
    expect(m.get('author')).toBe('p'.repeat(64));
    expect(m.get('authorName')).toBe(('A' + 'n'.repeat(MAX_NAME)).slice(0, MAX_NAME));
  });

  it('writes in one transaction with the local origin by default, or the given one', () => {
    const doc = new Y.Doc();
    const updates = recordUpdates(doc);
    addNote(doc, base);
    addNote(doc, base, SERVER_ORIGIN);
    expect(updates.map((u) => u.origin)).toEqual([LOCAL_ORIGIN, SERVER_ORIGIN]);
  });

  it('does not keep a reference to the caller\'s position object', () => {
    const doc = new Y.Doc();
    const pos = { x: 1, y: 2 };
    const id = addNote(doc, { ...base, pos });
    pos.x = 999;
    expect(selectNote(doc, id)?.pos).toEqual({ x: 1, y: 2 });
  });
});

describe('field updates', () => {
  type Op = (doc: Y.Doc, id: string) => void;
  // A content change also sets updatedAt; a move is a single write and leaves it.
  const table: { op: string; run: Op; field: string; expected: unknown; content: boolean }[] = [
    { op: 'editNote', run: (d, id) => editNote(d, id, 'New text'), field: 'text', expected: 'New text', content: true },
    { op: 'editNote (cleaned)', run: (d, id) => editNote(d, id, 'a\u0000b\n'), field: 'text', expected: 'ab\n', content: true },
    { op: 'editNote (bounded)', run: (d, id) => editNote(d, id, 'y'.repeat(MAX_NOTE_TEXT + 5)), field: 'text', expected: 'y'.repeat(MAX_NOTE_TEXT), content: true },
    { op: 'moveNote', run: (d, id) => moveNote(d, id, { x: -50, y: 70 }), field: 'pos', expected: { x: -50, y: 70 }, content: false },
    { op: 'moveNote (clamped)', run: (d, id) => moveNote(d, id, { x: 1e6, y: 2.5 }), field: 'pos', expected: { x: CANVAS_MAX, y: 3 }, content: false },
    { op: 'recolorNote', run: (d, id) => recolorNote(d, id, 'purple'), field: 'color', expected: 'purple', content: true },
  ];

  it.each(table)('$op sets $field (and updatedAt when content: $content), and nothing else, in one update', ({ run, field, expected, content }) => {
    const doc = new Y.Doc();
    const id = addNote(doc, base);
    const before = getNotes(doc).get(id)!.toJSON();
    const updates = recordUpdates(doc);
    run(doc, id);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.origin).toBe(LOCAL_ORIGIN);
    expect(getNotes(doc).get(id)!.toJSON()).toEqual({ ...before, [field]: expected, updatedAt: content ? T1 : T0 });
  });

  it.each<{ op: string; run: Op }>([
    { op: 'editNote with the same text', run: (d, id) => editNote(d, id, 'Idea') },
    { op: 'editNote whose cleaned text is the same', run: (d, id) => editNote(d, id, 'Id\u0000ea') },
    { op: 'moveNote to the same position', run: (d, id) => moveNote(d, id, { x: 10, y: 20 }) },
    { op: 'moveNote that rounds to the same position', run: (d, id) => moveNote(d, id, { x: 10.3, y: 19.8 }) },
    { op: 'moveNote to NaN', run: (d, id) => moveNote(d, id, { x: NaN, y: 0 }) },
    { op: 'moveNote to Infinity', run: (d, id) => moveNote(d, id, { x: 0, y: -Infinity }) },
    { op: 'recolorNote to the same color', run: (d, id) => recolorNote(d, id, DEFAULT_NOTE_COLOR) },
  ])('$op writes nothing (no update, updatedAt unchanged)', ({ run }) => {
    const doc = new Y.Doc();
    const id = addNote(doc, base);
    const updates = recordUpdates(doc);
    run(doc, id);
    expect(updates).toHaveLength(0);
    expect(selectNote(doc, id)?.updatedAt).toBe(T0);
  });

  it('moving to a clamped position the note already holds writes nothing', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, { ...base, pos: { x: CANVAS_MAX, y: 0 } });
    const updates = recordUpdates(doc);
    moveNote(doc, id, { x: CANVAS_MAX + 500, y: 0 });
    expect(updates).toHaveLength(0);
  });

  it.each<{ op: string; run: Op }>([
    { op: 'editNote', run: (d, id) => editNote(d, id, 'ghost') },
    { op: 'moveNote', run: (d, id) => moveNote(d, id, { x: 1, y: 1 }) },
    { op: 'recolorNote', run: (d, id) => recolorNote(d, id, 'blue') },
    { op: 'deleteNote', run: (d, id) => deleteNote(d, id) },
  ])('$op of a deleted note is a no-op and does not bring it back', ({ run }) => {
    const doc = new Y.Doc();
    const id = addNote(doc, base);
    deleteNote(doc, id);
    const updates = recordUpdates(doc);
    run(doc, id);
    expect(updates).toHaveLength(0);
    expect(getNotes(doc).has(id)).toBe(false);
    expect(selectNotes(doc)).toEqual([]);
  });

  it.each<{ op: string; run: Op }>([
    { op: 'editNote', run: (d, id) => editNote(d, id, 'x') },
    { op: 'moveNote', run: (d, id) => moveNote(d, id, { x: 1, y: 1 }) },
    { op: 'recolorNote', run: (d, id) => recolorNote(d, id, 'blue') },
    { op: 'deleteNote', run: (d, id) => deleteNote(d, id) },
  ])('$op of an id that never existed writes nothing', ({ run }) => {
    const doc = new Y.Doc();
    addNote(doc, base);
    const updates = recordUpdates(doc);
    run(doc, nid('missing'));
    expect(updates).toHaveLength(0);
    expect(getNotes(doc).has(nid('missing'))).toBe(false);
  });

  it('passes a custom origin through', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, base);
    const updates = recordUpdates(doc);
    editNote(doc, id, 'a', SERVER_ORIGIN);
    moveNote(doc, id, { x: 0, y: 0 }, SERVER_ORIGIN);
    recolorNote(doc, id, 'grey', SERVER_ORIGIN);
    deleteNote(doc, id, SERVER_ORIGIN);
    expect(updates.map((u) => u.origin)).toEqual([SERVER_ORIGIN, SERVER_ORIGIN, SERVER_ORIGIN, SERVER_ORIGIN]);
  });
});

describe('deleteNote', () => {
  it('removes only that note, in one update', () => {
    const doc = new Y.Doc();
    const keep = addNote(doc, { ...base, id: nid('keep') });
    const gone = addNote(doc, { ...base, id: nid('gone') });
    const updates = recordUpdates(doc);
    deleteNote(doc, gone);
    expect(updates).toHaveLength(1);
    expect([...getNotes(doc).keys()]).toEqual([keep]);
    expect(selectNote(doc, gone)).toBeNull();
  });
});

describe('concurrent edits on two replicas', () => {
  it('a text edit and a concurrent move both survive (one key per field)', () => {
    const [a, b] = pair();
    const id = addNote(a, base);
    sync(a, b);
    editNote(a, id, 'Edited on A');
    moveNote(b, id, { x: 300, y: 140 });
    recolorNote(b, id, 'orange');
    sync(a, b);
    expect(selectNote(a, id)).toMatchObject({ text: 'Edited on A', pos: { x: 300, y: 140 }, color: 'orange' });
    expect(selectNotes(a)).toEqual(selectNotes(b));
  });

  it('a concurrent edit does not resurrect a deleted note', () => {
    const [a, b] = pair();
    const id = addNote(a, base);
    sync(a, b);
    deleteNote(a, id);
    editNote(b, id, 'Too late');
    moveNote(b, id, { x: 5, y: 5 });
    sync(a, b);
    expect(selectNotes(a)).toEqual([]);
    expect(selectNotes(b)).toEqual([]);
  });

  it('concurrent moves of the same note settle on one whole position, never a mix of x and y', () => {
    const [a, b] = pair();
    const id = addNote(a, base);
    sync(a, b);
    moveNote(a, id, { x: 100, y: 100 });
    moveNote(b, id, { x: -100, y: -100 });
    sync(a, b);
    const pos = selectNote(a, id)!.pos;
    expect([{ x: 100, y: 100 }, { x: -100, y: -100 }]).toContainEqual(pos);
    expect(selectNote(b, id)!.pos).toEqual(pos);
  });
});

describe('selectNote / selectNotes', () => {
  it('returns plain objects that do not alias the document', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, base);
    const n = selectNote(doc, id)!;
    n.pos.x = 12345;
    n.text = 'mutated';
    expect(selectNote(doc, id)).toMatchObject({ text: 'Idea', pos: { x: 10, y: 20 } });
  });

  it('returns null for a missing id', () => {
    expect(selectNote(new Y.Doc(), nid('nope'))).toBeNull();
  });

  // What a misbehaving peer could write straight into the notes map, bypassing notes.ts.
  it.each<[string, (doc: Y.Doc, id: string) => void]>([
    ['a plain value instead of a Y.Map', (doc, id) => getNotes(doc).set(id, 'not a map' as never)],
    ['a Y.Array instead of a Y.Map', (doc, id) => getNotes(doc).set(id, new Y.Array() as never)],
    ['a Y.Map without a position', (doc, id) => getNotes(doc).set(id, new Y.Map([['text', 'no pos']]))],
    ['a Y.Map with a NaN position', (doc, id) => getNotes(doc).set(id, new Y.Map<unknown>([['pos', { x: NaN, y: 0 }]]))],
  ])('skips %s', (_label, write) => {
    const doc = new Y.Doc();
    const good = addNote(doc, base);
    write(doc, nid('bad'));
    expect(selectNote(doc, nid('bad'))).toBeNull();
    expect(selectNotes(doc).map((n) => n.id)).toEqual([good]);
  });

  it('restores mistyped fields of a raw note instead of passing them on', () => {
    const doc = new Y.Doc();
    getNotes(doc).set(nid('raw'), new Y.Map<unknown>([['pos', { x: 1e9, y: 0 }], ['color', 'hotpink'], ['text', 42]]));
    expect(selectNote(doc, nid('raw'))).toMatchObject({ pos: { x: CANVAS_MAX, y: 0 }, color: DEFAULT_NOTE_COLOR, text: '' });
  });

  const orderCases: { name: string; notes: [string, number][]; expected: string[] }[] = [
    { name: 'by createdAt', notes: [['c', 3], ['a', 1], ['b', 2]], expected: ['a', 'b', 'c'] },
    { name: 'ties broken by id', notes: [['z', 5], ['m', 5], ['q', 5]], expected: ['m', 'q', 'z'] },
    { name: 'createdAt before id', notes: [['a', 9], ['z', 1], ['m', 5], ['b', 5]], expected: ['z', 'b', 'm', 'a'] },
    // Code-unit order, not locale order: every replica must agree whatever its locale.
    { name: 'ids compared by code unit (uppercase first)', notes: [['b', 0], ['B', 0], ['a', 0], ['A', 0]], expected: ['A', 'B', 'a', 'b'] },
  ];

  it.each(orderCases)('orders $name, whatever the insertion order', ({ notes, expected }) => {
    const ids = (doc: Y.Doc) => selectNotes(doc).map((n) => n.id[0]);
    const forward = new Y.Doc();
    for (const [k, t] of notes) addNote(forward, { ...base, id: nid(k), now: t });
    const backward = new Y.Doc();
    for (const [k, t] of [...notes].reverse()) addNote(backward, { ...base, id: nid(k), now: t });
    expect(ids(forward)).toEqual(expected);
    expect(ids(backward)).toEqual(expected);
  });

  it('two replicas that received notes in different orders list them identically', () => {
    const [a, b] = pair();
    const ids = [...ID_ALPHABET.slice(0, 20)].map(nid);
    ids.forEach((id, i) => addNote(i % 2 ? a : b, { ...base, id, text: `n${i}`, now: T0 + (i % 3) }));
    sync(a, b);
    expect(selectNotes(a)).toEqual(selectNotes(b));
    expect(selectNotes(a)).toHaveLength(20);
    // Insertion order into the Y.Map differs between the replicas, so equal output comes from the sort.
    expect([...getNotes(a).keys()]).not.toEqual([...getNotes(b).keys()]);
  });
});
