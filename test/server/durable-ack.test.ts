/**
 * With `synchronous: 'full'` a commit is made on the event loop without waiting for the disk, and
 * the WAL is synced on the thread pool: others receive a change once it is committed (a crash of
 * the server process keeps it), its writer hears it is saved only once the sync is done.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readlinkSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { startServer, type CharretteServer } from '../../server/app.js';
import type { Logger } from '../../server/log.js';
import { SqliteStore } from '../../server/storage/sqlite.js';
import type { BoardId } from '../../shared/ids.js';
import { addNote, selectNotes } from '../../shared/notes.js';
import { MSG_SAVED, MSG_SYNC, readSaved, SYNC_UPDATE } from '../../shared/protocol.js';
import { message } from '../helpers/raw.js';
import { connectClient, createBoard, tempDir, testConfig, waitFor, waitSynced, type Client } from '../helpers/server.js';

interface Gate {
  open(): void;
  fail(err: Error): void;
}

/** The real store, whose commits are on disk only once the test opens their gate (and the real sync is done). */
function gatedStore(path: string): { store: SqliteStore; gates: Gate[] } {
  const store = new SqliteStore(path, { synchronous: 'full' });
  const gates: Gate[] = [];
  const commit = store.commit.bind(store);
  store.commit = (entries) => {
    const made = commit(entries);
    if (!made.durable) return made;
    let gate!: Gate;
    const opened = new Promise<void>((resolve, reject) => (gate = { open: resolve, fail: reject }));
    gates.push(gate);
    return { seqs: made.seqs, durable: Promise.all([made.durable, opened]).then(() => undefined) };
  };
  return { store, gates };
}

describe('acknowledged once on disk', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(log?: Logger) {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const { store, gates } = gatedStore(join(tmp.dir, 'board.db'));
    const srv: CharretteServer = await startServer(testConfig(join(tmp.dir, 'board.db'), { synchronous: 'full' }), { store, log: log ?? { info() {}, warn() {}, error() {} } });
    cleanups.push(() => srv.close());
    const wsUrl = srv.url.replace(/^http/, 'ws') + '/ws';
    const board = await createBoard(srv.url);
    const clients: Client[] = [];
    const connect = async () => {
      const c = connectClient(wsUrl, board);
      cleanups.push(() => c.destroy());
      const saved: number[] = [];
      c.provider.messageHandlers[MSG_SAVED] = (_enc, dec: decoding.Decoder) => saved.push(readSaved(dec));
      await waitSynced(c);
      clients.push(c);
      return { ...c, saved };
    };
    return { store, gates, board, connect };
  }

  it('others receive a committed change at once; its writer hears it is saved once the sync is done', async () => {
    const { store, gates, board, connect } = await setup();
    const a = await connect();
    const b = await connect();
    // Connecting synced an empty state each: those commits are on disk once their gates open.
    for (const g of gates.splice(0)) g.open();
    await waitFor(() => a.saved.length > 0 && b.saved.length > 0, 'the connect-time acknowledgements');
    const before = a.saved.at(-1)!;

    addNote(a.doc, { text: 'Peer tutoring', pos: { x: 0, y: 0 }, author: 'f', authorName: 'F' });
    await waitFor(() => selectNotes(b.doc).length === 1, 'b receives the note');
    // Committed before anyone received it (a crashed server would still have it) ...
    const stored = new Y.Doc();
    const loaded = (await store.load(board.id as BoardId))!;
    if (loaded.snapshot) Y.applyUpdate(stored, loaded.snapshot);
    for (const u of loaded.updates) Y.applyUpdate(stored, u.data);
    expect(selectNotes(stored).map((n) => n.text)).toContain('Peer tutoring');
    // ... but not acknowledged while its sync has not finished, not even by the count of a later
    // message that needed no commit (an empty update): a count acknowledges every earlier message.
    a.provider.ws!.send(message([MSG_SYNC, SYNC_UPDATE], Y.encodeStateAsUpdate(new Y.Doc())) as Uint8Array<ArrayBuffer>);
    await new Promise((r) => setTimeout(r, 50));
    expect(a.saved.at(-1)).toBe(before);
    expect(gates.length).toBeGreaterThan(0);

    for (const g of gates.splice(0)) g.open();
    await waitFor(() => a.saved.at(-1) === before + 2, 'the acknowledgement after the sync');
  });

  it('a failed sync is logged and its changes are not acknowledged', async () => {
    const errors: string[] = [];
    const { gates, connect } = await setup({ info() {}, warn() {}, error: (m) => errors.push(m) });
    const a = await connect();
    for (const g of gates.splice(0)) g.open();
    await waitFor(() => a.saved.length > 0, 'the connect-time acknowledgement');
    const before = a.saved.at(-1)!;

    addNote(a.doc, { text: 'Later buses', pos: { x: 0, y: 0 }, author: 'f', authorName: 'F' });
    await waitFor(() => gates.length > 0, 'the commit');
    for (const g of gates.splice(0)) g.fail(new Error('EIO'));
    await waitFor(() => errors.some((e) => /syncing commits to disk failed/.test(e)), 'the error in the log');
    await new Promise((r) => setTimeout(r, 50));
    expect(a.saved.at(-1)).toBe(before);
  });
});

describe('SqliteStore commits', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  const note = (text: string) => {
    const d = new Y.Doc();
    addNote(d, { text, pos: { x: 0, y: 0 }, author: 'p', authorName: 'P' });
    return Y.encodeStateAsUpdate(d);
  };

  it("'full' commits without syncing on the event loop and syncs the WAL after; 'normal' and memory do not wait", async () => {
    const full = new SqliteStore(join(tmp.dir, 'full.db'), { synchronous: 'full' });
    // (NORMAL in WAL mode: the commit itself does not wait for the disk.)
    expect(full.db.pragma('synchronous', { simple: true })).toBe(1);
    const board = 'abcdefghjkmn' as BoardId;
    // Many commits in one turn: each is made at once (seqs known), and every one is synced.
    const made = Array.from({ length: 20 }, (_, i) => full.commit([{ boardId: board, data: note(`n${i}`) }]));
    expect(made.map((m) => m.seqs.length)).toEqual(Array(20).fill(1));
    expect(new Set(made.map((m) => m.seqs[0])).size).toBe(20);
    expect(made.every((m) => m.durable instanceof Promise)).toBe(true);
    await Promise.all(made.map((m) => m.durable));
    expect(await full.append([{ boardId: board, data: note('last') }])).toHaveLength(1);
    await full.close();

    const normal = new SqliteStore(join(tmp.dir, 'normal.db'), { synchronous: 'normal' });
    expect(normal.commit([{ boardId: board, data: note('x') }]).durable).toBeNull();
    await normal.close();
    const memory = new SqliteStore(':memory:', { synchronous: 'full' });
    expect(memory.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(memory.commit([{ boardId: board, data: note('x') }]).durable).toBeNull();
    await memory.close();
  });

  // (Linux: which files a process holds open is read from /proc/self/fd.)
  it.skipIf(process.platform !== 'linux')('syncs the WAL beside the real file when the database path is a symbolic link (a mounted volume, say)', async () => {
    mkdirSync(join(tmp.dir, 'volume'));
    const real = join(tmp.dir, 'volume', 'board.db');
    await new SqliteStore(real).close();
    const link = join(tmp.dir, 'linked.db');
    symlinkSync(real, link);
    const realWal = realpathSync(join(tmp.dir, 'volume')) + '/board.db-wal';
    const openOnRealWal = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === realWal;
      } catch {
        return false; // (closed meanwhile)
      }
    }).length;
    // Without syncing off the loop, only SQLite's own connection holds the WAL open.
    const plain = new SqliteStore(link, { synchronous: 'normal', checkpointThread: false });
    expect(openOnRealWal()).toBe(1);
    await plain.close();
    const warnings: string[] = [];
    const store = new SqliteStore(link, { synchronous: 'full', checkpointThread: false, log: { info() {}, warn: (m) => warnings.push(m), error() {} } });
    // The WAL is beside the real file, not the link, and the store holds it open to sync it.
    expect(existsSync(`${link}-wal`)).toBe(false);
    expect(openOnRealWal()).toBe(2);
    expect(warnings).toEqual([]);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    const made = store.commit([{ boardId: 'abcdefghjkmn' as BoardId, data: note('through the link') }]);
    expect(made.durable).toBeInstanceOf(Promise);
    await made.durable;
    await store.close();
  });
});
