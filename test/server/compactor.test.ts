/** The compaction thread: what it encodes is the stored board, whether or not it kept the board's document. */
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { addNote, selectNotes } from '../../shared/notes.js';
import { Compactor } from '../../server/compactor.js';

/** The notes of a state the thread made (V2, as snapshots are stored). */
const texts = (state: Uint8Array): string[] => {
  const doc = new Y.Doc();
  Y.applyUpdateV2(doc, state);
  return selectNotes(doc).map((n) => n.text).sort();
};

describe('compaction thread', () => {
  const compactor = new Compactor();
  afterAll(() => compactor.close());

  it('folds rows into the snapshot, reusing its document only while the stored snapshot is the one it made', async () => {
    const doc = new Y.Doc();
    const rows: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => rows.push(u));
    const note = (text: string) => addNote(doc, { text, pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
    note('one');
    note('two');
    const first = await compactor.encode({ boardId: 'b1', snapshot: null, snapshotFormat: 1, snapshotSeq: 0, updates: rows.slice(0, 2), uptoSeq: 2 });
    expect(texts(first)).toEqual(['one', 'two']);

    // Stored as made: the next compaction builds on the kept document.
    note('three');
    const second = await compactor.encode({ boardId: 'b1', snapshot: first, snapshotFormat: 2, snapshotSeq: 2, updates: rows.slice(2, 3), uptoSeq: 3 });
    expect(texts(second)).toEqual(['one', 'three', 'two']);

    // The server wrote its own snapshot at the same seq, with a change no row has (a commit that
    // failed before an unload): the kept document must not be used.
    const server = new Y.Doc();
    Y.applyUpdateV2(server, second);
    addNote(server, { text: 'only in the snapshot', pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
    note('four');
    const third = await compactor.encode({ boardId: 'b1', snapshot: Y.encodeStateAsUpdateV2(server), snapshotFormat: 2, snapshotSeq: 3, updates: rows.slice(3, 4), uptoSeq: 4 });
    expect(texts(third)).toEqual(['four', 'one', 'only in the snapshot', 'three', 'two']);
  });

  it('reads a V1 snapshot (boards stored before V2) and writes V2', async () => {
    const doc = new Y.Doc();
    addNote(doc, { text: 'old', pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
    const v1 = Y.encodeStateAsUpdate(doc);
    const before = Y.encodeStateVector(doc);
    addNote(doc, { text: 'new', pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
    const state = await compactor.encode({ boardId: 'b3', snapshot: v1, snapshotFormat: 1, snapshotSeq: 0, updates: [Y.encodeStateAsUpdate(doc, before)], uptoSeq: 1 });
    expect(texts(state)).toEqual(['new', 'old']);
  });

  it('drops a kept document when told the board is gone', async () => {
    const doc = new Y.Doc();
    addNote(doc, { text: 'kept', pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
    await compactor.encode({ boardId: 'b4', snapshot: null, snapshotFormat: 1, snapshotSeq: 0, updates: [Y.encodeStateAsUpdate(doc)], uptoSeq: 1 });
    expect(await compactor.keptBoards()).toContain('b4');
    compactor.forget('b4');
    expect(await compactor.keptBoards()).not.toContain('b4');
  });

  it('a row it cannot apply fails that compaction only', async () => {
    await expect(compactor.encode({ boardId: 'b2', snapshot: null, snapshotFormat: 1, snapshotSeq: 0, updates: [new Uint8Array([1, 2, 3])], uptoSeq: 1 })).rejects.toThrow();
    const doc = new Y.Doc();
    addNote(doc, { text: 'fine', pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
    expect(texts(await compactor.encode({ boardId: 'b2', snapshot: null, snapshotFormat: 1, snapshotSeq: 0, updates: [Y.encodeStateAsUpdate(doc)], uptoSeq: 1 }))).toEqual(['fine']);
  });
});
