import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { BoardId } from '../../shared/ids.js';
import { addNote, selectNotes } from '../../shared/notes.js';
import { COMPACT_BUSY_FACTOR, DEFAULT_HUB_OPTIONS, Hub } from '../../server/hub.js';
import type { Logger } from '../../server/log.js';
import { SqliteStore } from '../../server/storage/sqlite.js';
import { Compactor, CompactorUnavailable } from '../../server/compactor.js';
import { createBoard as createWithTokens } from '../../server/boards.js';
import { TokenSigner } from '../../server/tokens.js';
import type { BoardStore } from '../../server/storage/types.js';

const signer = new TokenSigner('x'.repeat(32));
const createBoard = async (store: BoardStore, body: unknown, id: BoardId) => (await createWithTokens(store, signer, body, id)).record;
import { tempDir } from '../helpers/server.js';
import { storedDoc } from '../helpers/stored.js';
import { migrate } from '../../shared/migrations.js';

const BOARD = '23456789abcd' as BoardId;

function capturingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) };
}

function noteUpdate(text: string): Uint8Array {
  const d = new Y.Doc();
  addNote(d, { text, pos: { x: 1, y: 1 }, author: 'p', authorName: 'P' });
  return Y.encodeStateAsUpdate(d);
}

/** A document with `n` notes, each note's update stored as its own log row of BOARD. */
async function appendNotes(store: BoardStore, n: number): Promise<{ doc: Y.Doc; updates: Uint8Array[]; seqs: number[] }> {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) addNote(doc, { text: `idea ${i}`, pos: { x: i, y: i }, author: 'p', authorName: 'P' });
  const seqs = await store.append(updates.map((data) => ({ boardId: BOARD, data })));
  return { doc, updates, seqs };
}

describe('SQLite store', () => {
  const tmp = tempDir();
  const stores: SqliteStore[] = [];
  const open = (name: string) => {
    const s = new SqliteStore(join(tmp.dir, name));
    stores.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of stores.splice(0)) if (s.db.open) await s.close();
  });
  afterAll(() => tmp.cleanup());

  it('uses WAL and appends a batch in one commit with increasing seqs', async () => {
    const store = open('wal.db');
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await createBoard(store, { title: 'x' }, BOARD);
    const seqs = await store.append([1, 2, 3].map((i) => ({ boardId: BOARD, data: noteUpdate(`n${i}`) })));
    expect(seqs).toHaveLength(3);
    expect(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!).toBe(true);
    const loaded = await store.load(BOARD);
    expect(loaded!.updates.map((u) => u.seq)).toEqual(seqs);
  });

  it('a busy board is compacted once it goes quiet, or at once when its log grows far past the limit', async () => {
    const store = open('quiet.db');
    await createBoard(store, {}, BOARD);
    const opts = { ...DEFAULT_HUB_OPTIONS, compactEvery: 3, compactQuietMs: 300 };
    const hub = new Hub(store, capturingLogger(), opts);
    const r = await hub.open(BOARD);
    if (!r.ok) throw new Error('load failed');
    const rows = async () => (await store.load(BOARD))!.updates.length;
    // Four commits (one per flush) while the board is busy: nothing is folded yet.
    for (let i = 0; i < 4; i++) {
      addNote(r.room.doc, { text: `idea ${i}`, pos: { x: i, y: i }, author: 'p', authorName: 'P' });
      await hub.drain();
    }
    expect(await rows()).toBe(4);
    // Quiet for longer than compactQuietMs: the sweep folds the log into the snapshot.
    const quietBy = performance.now() + 2_000;
    while ((await rows()) > 0 && performance.now() < quietBy) await new Promise((res) => setTimeout(res, 25));
    expect(await rows()).toBe(0);
    const loaded = await store.load(BOARD);
    const doc = storedDoc(loaded!);
    expect(loaded!.snapshotFormat).toBe(2);
    expect(selectNotes(doc).map((n) => n.text).sort()).toEqual(['idea 0', 'idea 1', 'idea 2', 'idea 3']);
    // A board that never pauses is compacted in its flush once the log reaches COMPACT_BUSY_FACTOR × compactEvery.
    for (let i = 0; i < 3 * COMPACT_BUSY_FACTOR - 1; i++) {
      addNote(r.room.doc, { text: `busy ${i}`, pos: { x: i, y: i }, author: 'p', authorName: 'P' });
      await hub.drain();
    }
    expect(await rows()).toBe(3 * COMPACT_BUSY_FACTOR - 1);
    addNote(r.room.doc, { text: 'one more', pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
    await hub.drain();
    // Folded in the background (on the compaction thread), well before the board could count as quiet.
    const busyBy = performance.now() + opts.compactQuietMs - 50;
    while ((await rows()) > 0 && performance.now() < busyBy) await new Promise((res) => setTimeout(res, 10));
    expect(await rows()).toBe(0);
    await hub.close();
    const final = (await store.load(BOARD))!;
    expect(final.updates).toHaveLength(0); // all of it in the snapshot
    expect(selectNotes(storedDoc(final))).toHaveLength(4 + 3 * COMPACT_BUSY_FACTOR);
  });

  it('the compaction thread reads what it folds from the file itself; the event loop reads no rows for it', async () => {
    const store = open('self-read.db');
    await createBoard(store, {}, BOARD);
    const { seqs } = await appendNotes(store, 5);
    const source = store.compactionSource!;
    expect(source.sqlitePath).toBe(store.db.name);
    const compactor = new Compactor();
    try {
      const notesOf = (state: Uint8Array | null) => {
        const d = new Y.Doc();
        Y.applyUpdateV2(d, state!);
        return selectNotes(d).map((n) => n.text).sort();
      };
      // Up to a row in the middle: only the rows up to it.
      const upToThird = await compactor.encode({ boardId: BOARD, uptoSeq: seqs[2]!, source });
      expect(notesOf(upToThird)).toEqual(['idea 0', 'idea 1', 'idea 2']);
      await store.compact(BOARD, upToThird!, seqs[2]!);
      // Folded that far already, or no such board: nothing to fold.
      expect(await compactor.encode({ boardId: BOARD, uptoSeq: seqs[2]!, source })).toBeNull();
      expect(await compactor.encode({ boardId: 'zzzzzzzzzzzz', uptoSeq: 1, source })).toBeNull();
      // The rest, on top of the stored snapshot.
      expect(notesOf(await compactor.encode({ boardId: BOARD, uptoSeq: seqs[4]!, source }))).toEqual(['idea 0', 'idea 1', 'idea 2', 'idea 3', 'idea 4']);
    } finally {
      await compactor.close();
    }

    // Through the hub: the board is read once, to open it; compaction reads nothing on the event loop.
    let loads = 0;
    const load = store.load.bind(store);
    store.load = (id) => (loads++, load(id));
    const hub = new Hub(store, capturingLogger(), { ...DEFAULT_HUB_OPTIONS, compactEvery: 3, compactQuietMs: 50 });
    const r = await hub.open(BOARD);
    if (!r.ok) throw new Error('load failed');
    for (let i = 0; i < 4; i++) {
      addNote(r.room.doc, { text: `more ${i}`, pos: { x: i, y: i }, author: 'p', authorName: 'P' });
      await hub.drain();
    }
    const rows = () => (store.db.prepare('SELECT count(*) AS n FROM updates WHERE seq > (SELECT snapshot_seq FROM boards WHERE id = ?)').get(BOARD) as { n: number }).n;
    const by = performance.now() + 3_000;
    while (rows() > 0 && performance.now() < by) await new Promise((res) => setTimeout(res, 20));
    expect(rows()).toBe(0);
    expect(loads).toBe(1);
    await hub.close();
    expect(selectNotes(storedDoc((await load(BOARD))!))).toHaveLength(9);
  });

  it('a database from before V2 snapshots gets the column and reads its V1 snapshots; a server from before refuses V2 boards', async () => {
    const first = open('old.db');
    await createBoard(first, {}, BOARD);
    // As that server left it: no V2 column, a V1 snapshot.
    first.db.exec('ALTER TABLE boards DROP COLUMN snapshot_v2');
    first.db.prepare('UPDATE boards SET snapshot = ?, snapshot_seq = 1 WHERE id = ?').run(noteUpdate('old'), BOARD);
    await first.close();
    const store = open('old.db');
    const loaded = (await store.load(BOARD))!;
    expect(loaded.snapshotFormat).toBe(1);
    const doc = storedDoc(loaded);
    expect(selectNotes(doc).map((n) => n.text)).toEqual(['old']);
    await store.compact(BOARD, Y.encodeStateAsUpdateV2(doc), 2);
    const after = (await store.load(BOARD))!;
    expect(after.snapshotFormat).toBe(2);
    expect(selectNotes(storedDoc(after)).map((n) => n.text)).toEqual(['old']);
    // What a server from before reads (the V1 column) is a board too new for it: it refuses it
    // instead of taking V2 bytes for an empty board.
    const v1 = store.db.prepare<[string], { snapshot: Buffer }>('SELECT snapshot FROM boards WHERE id = ?').get(BOARD)!.snapshot;
    const old = new Y.Doc();
    Y.applyUpdate(old, v1);
    expect(migrate(old)).toMatchObject({ ok: false, reason: 'too-new' });
  });

  it('when the compaction thread cannot build the board from what is stored, the board is compacted from its document', async () => {
    const store = open('fallback.db');
    await createBoard(store, {}, BOARD);
    const warnings: string[] = [];
    const log = { ...capturingLogger(), warn: (m: string) => warnings.push(m) };
    const hub = new Hub(store, log, { ...DEFAULT_HUB_OPTIONS, compactEvery: 3, compactQuietMs: 100 });
    const r = await hub.open(BOARD);
    if (!r.ok) throw new Error('load failed');
    for (let i = 0; i < 4; i++) {
      addNote(r.room.doc, { text: `idea ${i}`, pos: { x: i, y: i }, author: 'p', authorName: 'P' });
      await hub.drain();
    }
    // A stored row the thread cannot apply (the document has it already).
    store.db.prepare('UPDATE updates SET data = ? WHERE seq = (SELECT min(seq) FROM updates WHERE board_id = ?)').run(Buffer.from([1, 2, 3]), BOARD);
    const by = performance.now() + 3_000;
    while ((await store.load(BOARD))!.updates.length > 0 && performance.now() < by) await new Promise((res) => setTimeout(res, 25));
    const loaded = (await store.load(BOARD))!;
    expect(loaded.updates).toHaveLength(0);
    expect(selectNotes(storedDoc(loaded))).toHaveLength(4);
    expect(warnings.some((w) => w.includes('compaction thread failed'))).toBe(true);
    await hub.close();
  });

  it('shutdown stops a compaction that takes too long, and its own compaction still folds the log', async () => {
    const store = open('stuck.db');
    await createBoard(store, {}, BOARD);
    // A compaction thread that never answers (a huge board, a thread stuck), until it is closed.
    class StuckCompactor extends Compactor {
      asked = 0;
      private readonly stuck: Array<(err: Error) => void> = [];
      override encode(): Promise<Uint8Array> {
        this.asked++;
        return new Promise((_resolve, reject) => this.stuck.push(reject));
      }
      override async close(): Promise<void> {
        for (const reject of this.stuck.splice(0)) reject(new CompactorUnavailable('compactor closed'));
        await super.close();
      }
    }
    const compactor = new StuckCompactor();
    const warnings: string[] = [];
    const log = { ...capturingLogger(), warn: (m: string) => warnings.push(m) };
    const hub = new Hub(store, log, { ...DEFAULT_HUB_OPTIONS, compactEvery: 3, compactQuietMs: 50, shutdownCompactionWaitMs: 200 }, compactor);
    const r = await hub.open(BOARD);
    if (!r.ok) throw new Error('load failed');
    for (let i = 0; i < 4; i++) {
      addNote(r.room.doc, { text: `idea ${i}`, pos: { x: i, y: i }, author: 'p', authorName: 'P' });
      await hub.drain();
    }
    const by = performance.now() + 3_000;
    while (compactor.asked === 0 && performance.now() < by) await new Promise((res) => setTimeout(res, 25));
    expect(compactor.asked).toBe(1);
    const t0 = performance.now();
    await hub.close();
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(warnings.some((w) => w.includes('stopping 1 compaction'))).toBe(true);
    const loaded = (await store.load(BOARD))!;
    expect(loaded.updates).toHaveLength(0);
    expect(selectNotes(storedDoc(loaded))).toHaveLength(4);
  });

  it('the compaction thread lets go of a board once it is unloaded', async () => {
    const store = open('forget.db');
    await createBoard(store, {}, BOARD);
    const compactor = new Compactor();
    const hub = new Hub(store, capturingLogger(), { ...DEFAULT_HUB_OPTIONS, roomIdleMs: 300, compactEvery: 3, compactQuietMs: 50 }, compactor);
    const r = await hub.open(BOARD);
    if (!r.ok) throw new Error('load failed');
    for (let i = 0; i < 4; i++) {
      addNote(r.room.doc, { text: `idea ${i}`, pos: { x: i, y: i }, author: 'p', authorName: 'P' });
      await hub.drain();
    }
    const until = async (what: () => Promise<boolean> | boolean) => {
      const by = performance.now() + 3_000;
      while (!(await what()) && performance.now() < by) await new Promise((res) => setTimeout(res, 20));
      return what();
    };
    // Compacted while loaded: the thread keeps the board for its next compaction.
    expect(await until(async () => (await compactor.keptBoards()).includes(BOARD))).toBe(true);
    expect(hub.rooms.has(BOARD)).toBe(true);
    hub.touch(r.room); // nobody is connected: it unloads after roomIdleMs
    expect(await until(() => !hub.rooms.has(BOARD))).toBe(true);
    expect(await compactor.keptBoards()).not.toContain(BOARD);
    await hub.close();
  });

  it('folded rows are never read again, and are deleted a batch per turn (or all at close)', async () => {
    const count = (s: SqliteStore) => (s.db.prepare('SELECT count(*) AS n FROM updates').get() as { n: number }).n;
    for (const closeEarly of [false, true]) {
      const store = open(`batches-${closeEarly}.db`);
      await createBoard(store, {}, BOARD);
      const { doc, seqs } = await appendNotes(store, 1_200);
      await store.append([{ boardId: BOARD, data: noteUpdate('after') }]);
      await store.compact(BOARD, Y.encodeStateAsUpdateV2(doc), seqs[seqs.length - 1]!);
      // At once: the snapshot and the one row after it; the folded rows are not read.
      const loaded = (await store.load(BOARD))!;
      expect(loaded.updates).toHaveLength(1);
      expect(selectNotes(storedDoc(loaded))).toHaveLength(1_201);
      expect(count(store)).toBeGreaterThan(1);
      if (closeEarly) {
        await store.close();
        const again = new SqliteStore(store.db.name);
        stores.push(again);
        expect(count(again)).toBe(1);
        continue;
      }
      const by = performance.now() + 3_000;
      while (count(store) > 1 && performance.now() < by) await new Promise((r) => setImmediate(r));
      expect(count(store)).toBe(1);
    }
  });

  it('a snapshot only moves forward: a compaction finishing after a newer one changes nothing', async () => {
    const store = open('forward.db');
    await createBoard(store, {}, BOARD);
    const { doc, updates, seqs } = await appendNotes(store, 3);
    const older = Y.convertUpdateFormatV1ToV2(Y.mergeUpdates(updates.slice(0, 1)));
    await store.compact(BOARD, Y.encodeStateAsUpdateV2(doc), seqs[2]!);
    await store.compact(BOARD, older, seqs[0]!);
    const loaded = (await store.load(BOARD))!;
    expect(loaded.updates).toHaveLength(0);
    expect(selectNotes(storedDoc(loaded)).map((n) => n.text).sort()).toEqual(['idea 0', 'idea 1', 'idea 2']);
  });

  it('compaction replaces the log with a snapshot that loads to the same board', async () => {
    const store = open('compact.db');
    await createBoard(store, {}, BOARD);
    const hub = new Hub(store, capturingLogger(), { ...DEFAULT_HUB_OPTIONS, roomIdleMs: 10, compactEvery: 3 });
    const r = await hub.open(BOARD);
    if (!r.ok) throw new Error('load failed');
    for (let i = 0; i < 7; i++) addNote(r.room.doc, { text: `idea ${i}`, pos: { x: i, y: i }, author: 'p', authorName: 'P' });
    await hub.drain();
    const loaded = await store.load(BOARD);
    expect(loaded!.updates.length).toBeLessThan(3);
    const doc = storedDoc(loaded!);
    expect(selectNotes(doc).map((n) => n.text)).toEqual(selectNotes(r.room.doc).map((n) => n.text));
    expect(selectNotes(doc)).toHaveLength(7);
    await hub.close();
  });

  it('a corrupt row is reported by board id, quarantined, and the rest of the board loads', async () => {
    const store = open('corrupt.db');
    await createBoard(store, {}, BOARD);
    await store.append([{ boardId: BOARD, data: noteUpdate('good one') }]);
    const [bad] = await store.append([{ boardId: BOARD, data: Uint8Array.of(9, 9, 9, 9, 9, 9, 9) }]);
    await store.append([{ boardId: BOARD, data: noteUpdate('good two') }]);
    const log = capturingLogger();
    const hub = new Hub(store, log, { ...DEFAULT_HUB_OPTIONS, roomIdleMs: 10 });
    const r = await hub.open(BOARD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(selectNotes(r.room.doc).map((n) => n.text).sort()).toEqual(['good one', 'good two']);
    expect(log.errors.some((e) => e.includes(BOARD) && e.includes(`seq ${bad}`))).toBe(true);
    const q = store.db.prepare('SELECT seq, board_id FROM quarantined_updates').all();
    expect(q).toEqual([{ seq: bad, board_id: BOARD }]);
    expect((await store.load(BOARD))!.updates.map((u) => u.seq)).not.toContain(bad);
    await hub.close();
  });

  it('a busy board shares one commit among the changes of several turns', async () => {
    const store = open('window.db');
    await createBoard(store, {}, BOARD);
    // A long window, so the turns below certainly fall into it.
    const hub = new Hub(store, capturingLogger(), { ...DEFAULT_HUB_OPTIONS, flushIntervalMs: 200 });
    const r = await hub.open(BOARD);
    if (!r.ok) throw new Error('load failed');
    const before = (await store.load(BOARD))!.updates.length;
    const nextTurn = () => new Promise((res) => setImmediate(res));
    addNote(r.room.doc, { text: 'first, alone', pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
    await nextTurn();
    for (let i = 0; i < 5; i++) {
      addNote(r.room.doc, { text: `burst ${i}`, pos: { x: i, y: i }, author: 'p', authorName: 'P' });
      await nextTurn();
    }
    await hub.drain();
    const rows = (await store.load(BOARD))!.updates.slice(before);
    // The first change of an idle board is stored on its own; the five that followed, together.
    expect(rows).toHaveLength(2);
    const doc = new Y.Doc();
    for (const u of (await store.load(BOARD))!.updates) Y.applyUpdate(doc, u.data);
    expect(selectNotes(doc)).toHaveLength(6);
    await hub.close();
  });

  it('deleting a board removes everything stored for it', async () => {
    const store = open('delete.db');
    await createBoard(store, {}, BOARD);
    await store.append([{ boardId: BOARD, data: noteUpdate('x'), owners: [[7, 'p-ana']] }]);
    // A retried commit carries its claims again: the first one stands.
    await store.append([{ boardId: BOARD, data: noteUpdate('y'), owners: [[7, 'p-ben'], [8, 'p-ben']] }]);
    expect((await store.load(BOARD))!.clientOwners.sort()).toEqual([[7, 'p-ana'], [8, 'p-ben']]);
    await store.delete(BOARD);
    expect(await store.load(BOARD)).toBeNull();
    expect(store.db.prepare('SELECT count(*) AS n FROM updates').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT count(*) AS n FROM client_owners').get()).toEqual({ n: 0 });
  });

  it('a change whose commit failed (and waits for its retry) is still stored when the Hub closes, with its client-id claim', async () => {
    const store = open('close-after-failure.db');
    await createBoard(store, {}, BOARD);
    // The disk refuses one commit (full, say); the store is otherwise the real one.
    const commit = store.commit.bind(store);
    let refuse = true;
    store.commit = (entries) => {
      if (!refuse) return commit(entries);
      refuse = false;
      throw new Error('SQLITE_FULL');
    };
    const log = capturingLogger();
    const hub = new Hub(store, log, DEFAULT_HUB_OPTIONS);
    const r = await hub.open(BOARD);
    if (!r.ok) throw new Error('load failed');
    addNote(r.room.doc, { text: 'not lost', pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
    // As if a participant's update had just claimed a client id (see ClientOwners).
    r.room.clientOwners.claim(77, 'p-ana');
    await hub.drain();
    expect(log.errors[0]).toMatch(/commit of 1 updates failed; retrying/);
    await hub.close();
    const loaded = (await store.load(BOARD))!;
    expect(selectNotes(storedDoc(loaded)).map((n) => n.text)).toEqual(['not lost']);
    // The claim went into the snapshot's transaction with the change it came with.
    expect(loaded.clientOwners).toEqual([[77, 'p-ana']]);
  });

  it('a board recreated under the same id gets a new epoch', async () => {
    const store = open('epoch.db');
    const first = await createBoard(store, {}, BOARD);
    await store.delete(BOARD);
    const second = await createBoard(store, {}, BOARD);
    expect(second.epoch).not.toBe(first.epoch);
  });
});
