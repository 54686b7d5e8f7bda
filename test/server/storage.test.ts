import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { BoardId } from '../../shared/ids.js';
import { addNote, selectNotes } from '../../shared/notes.js';
import { COMPACT_BUSY_FACTOR, DEFAULT_HUB_OPTIONS, Hub } from '../../server/hub.js';
import type { Logger } from '../../server/log.js';
import { SqliteStore } from '../../server/storage/sqlite.js';
import { CommitThread, CommitThreadUnavailable } from '../../server/storage/commitThread.js';
import { createBoard as createWithTokens } from '../../server/boards.js';
import { TokenSigner } from '../../server/tokens.js';
import type { BoardStore } from '../../server/storage/types.js';

const signer = new TokenSigner('x'.repeat(32));
const createBoard = async (store: BoardStore, body: unknown, id: BoardId) => (await createWithTokens(store, signer, body, id)).record;
import { tempDir } from '../helpers/server.js';

const BOARD = '23456789abcd' as BoardId;

function capturingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) };
}

async function waitUntil(ok: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A Hub on `store` with one board open; a note is added and the commit thread is killed while it is on its way. */
async function changeWhileThreadDies(store: SqliteStore, text: string): Promise<{ hub: Hub; log: ReturnType<typeof capturingLogger> }> {
  await createBoard(store, {}, BOARD);
  const log = capturingLogger();
  const hub = new Hub(store, log, DEFAULT_HUB_OPTIONS);
  const r = await hub.open(BOARD);
  if (!r.ok) throw new Error('load failed');
  await store.append([{ boardId: BOARD, data: noteUpdate('warm') }]);
  const thread = (store as unknown as { thread: { worker: { terminate(): Promise<number> } } }).thread;
  addNote(r.room.doc, { text, pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
  await thread.worker.terminate();
  return { hub, log };
}

function noteUpdate(text: string): Uint8Array {
  const d = new Y.Doc();
  addNote(d, { text, pos: { x: 1, y: 1 }, author: 'p', authorName: 'P' });
  return Y.encodeStateAsUpdate(d);
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
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loaded!.snapshot!);
    expect(selectNotes(doc).map((n) => n.text).sort()).toEqual(['idea 0', 'idea 1', 'idea 2', 'idea 3']);
    // A board that never pauses is compacted in its flush once the log reaches COMPACT_BUSY_FACTOR × compactEvery.
    for (let i = 0; i < 3 * COMPACT_BUSY_FACTOR - 1; i++) {
      addNote(r.room.doc, { text: `busy ${i}`, pos: { x: i, y: i }, author: 'p', authorName: 'P' });
      await hub.drain();
    }
    expect(await rows()).toBe(3 * COMPACT_BUSY_FACTOR - 1);
    addNote(r.room.doc, { text: 'one more', pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
    await hub.drain();
    expect(await rows()).toBe(0);
    await hub.close();
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
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loaded!.snapshot!);
    for (const u of loaded!.updates) Y.applyUpdate(doc, u.data);
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
    await store.append([{ boardId: BOARD, data: noteUpdate('x') }]);
    await store.delete(BOARD);
    expect(await store.load(BOARD)).toBeNull();
    expect(store.db.prepare('SELECT count(*) AS n FROM updates').get()).toEqual({ n: 0 });
  });

  it('appends go through the commit thread for a file, and on the connection itself for :memory: or when turned off', async () => {
    const threaded = open('threaded.db');
    expect(threaded.threaded).toBe(true);
    const direct = new SqliteStore(join(tmp.dir, 'direct.db'), { commitThread: false });
    stores.push(direct);
    const memory = new SqliteStore(':memory:');
    stores.push(memory);
    expect([direct.threaded, memory.threaded]).toEqual([false, false]);
    for (const s of [threaded, direct, memory]) {
      await createBoard(s, {}, BOARD);
      const seqs = await s.append([{ boardId: BOARD, data: noteUpdate('a') }, { boardId: BOARD, data: noteUpdate('b') }]);
      // Read back through the store's own connection: what the thread committed is there.
      expect((await s.load(BOARD))!.updates.map((u) => u.seq)).toEqual(seqs);
    }
    // Still on the thread after committing (a thread that failed to start falls back silently but for a log line).
    expect(threaded.threaded).toBe(true);
  });

  it('a write on the main connection waits for the commit in flight: a board deleted and created again does not get the old board\'s last change', async () => {
    const store = open('race.db');
    await createBoard(store, {}, BOARD);
    const inFlight = store.append([{ boardId: BOARD, data: noteUpdate('from the old board') }]);
    await store.delete(BOARD);
    await createBoard(store, {}, BOARD);
    await inFlight;
    expect((await store.load(BOARD))!.updates).toEqual([]);
    expect(store.threaded).toBe(true);
  });

  it('a commit that fails on the thread rejects that append only', async () => {
    const store = open('fails.db');
    await createBoard(store, {}, BOARD);
    const bad = store.append([{ boardId: null as unknown as BoardId, data: noteUpdate('no board') }]);
    await expect(bad).rejects.toThrow(/NOT NULL/);
    const [seq] = await store.append([{ boardId: BOARD, data: noteUpdate('after') }]);
    expect((await store.load(BOARD))!.updates.map((u) => u.seq)).toEqual([seq]);
    expect(store.threaded).toBe(true);
  });

  it('a commit thread that dies fails its commit, the Hub retries it on a new thread, and nothing is lost', async () => {
    const store = open('dies.db');
    const { hub, log } = await changeWhileThreadDies(store, 'survives');
    await hub.drain();
    await waitUntil(() => log.errors.length > 0);
    expect(log.errors[0]).toMatch(/commit of 1 updates failed; retrying/);
    await waitUntil(async () => {
      await hub.drain();
      const doc = new Y.Doc();
      for (const u of (await store.load(BOARD))!.updates) Y.applyUpdate(doc, u.data);
      return selectNotes(doc).some((n) => n.text === 'survives');
    });
    expect(store.threaded).toBe(true);
    await hub.close();
  });

  it('a commit thread that cannot start says so, so the store can commit on its own connection instead', async () => {
    // A path under a regular file: the thread's connection cannot be opened.
    const file = join(tmp.dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const thread = new CommitThread({ path: join(file, 'board.db'), synchronous: 'full' });
    const failed = thread.append([{ boardId: BOARD, data: noteUpdate('x') }]);
    await expect(failed).rejects.toBeInstanceOf(CommitThreadUnavailable);
    await expect(failed).rejects.toThrow(/ENOTDIR|EEXIST/);
    await thread.close();

    // Given such a thread, the store commits on its own connection and keeps the change.
    const store = new SqliteStore(join(tmp.dir, 'fallback.db'), { commitThread: new CommitThread({ path: join(file, 'other.db'), synchronous: 'full' }) });
    stores.push(store);
    await createBoard(store, {}, BOARD);
    const [seq] = await store.append([{ boardId: BOARD, data: noteUpdate('kept') }]);
    expect(store.threaded).toBe(false);
    expect((await store.load(BOARD))!.updates.map((u) => u.seq)).toEqual([seq]);
  });

  it('a change whose commit failed is still stored when the Hub closes', async () => {
    const store = new SqliteStore(join(tmp.dir, 'close-after-failure.db'));
    const { hub } = await changeWhileThreadDies(store, 'not lost');
    await hub.close();
    await store.close();
    const again = open('close-after-failure.db');
    const doc = new Y.Doc();
    const loaded = (await again.load(BOARD))!;
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const u of loaded.updates) Y.applyUpdate(doc, u.data);
    expect(selectNotes(doc).map((n) => n.text)).toContain('not lost');
  });

  it('closing the store lets the commit in flight finish first', async () => {
    const store = open('close.db');
    await createBoard(store, {}, BOARD);
    await store.append([{ boardId: BOARD, data: noteUpdate('warm') }]);
    const pending = store.append([{ boardId: BOARD, data: noteUpdate('last') }]);
    let settled = false;
    void pending.then(() => (settled = true));
    await store.close();
    expect(settled).toBe(true);
    const [seq] = await pending;
    const again = new SqliteStore(join(tmp.dir, 'close.db'), { commitThread: false });
    stores.push(again);
    expect((await again.load(BOARD))!.updates.at(-1)!.seq).toBe(seq);
  });

  it('a board recreated under the same id gets a new epoch', async () => {
    const store = open('epoch.db');
    const first = await createBoard(store, {}, BOARD);
    await store.delete(BOARD);
    const second = await createBoard(store, {}, BOARD);
    expect(second.epoch).not.toBe(first.epoch);
  });
});
