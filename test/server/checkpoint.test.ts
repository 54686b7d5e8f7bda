import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BoardId } from '../../shared/ids.js';
import { Checkpointer, CHECKPOINT_EVERY_PAGES, FALLBACK_AUTOCHECKPOINT_PAGES } from '../../server/storage/checkpointer.js';
import type { Logger } from '../../server/log.js';
import { SqliteStore } from '../../server/storage/sqlite.js';
import { Compactor } from '../../server/compactor.js';
import { createBoard } from '../../server/boards.js';
import { TokenSigner } from '../../server/tokens.js';
import { tempDir, waitFor } from '../helpers/server.js';
import { walEmptied } from '../helpers/stored.js';

const BOARD = '23456789abcd' as BoardId;
const signer = new TokenSigner('x'.repeat(32));

/** Rows in a copy of the database file alone: what has been checkpointed out of the WAL. */
function rowsInDatabaseFile(path: string, copy: string): number {
  copyFileSync(path, copy);
  const db = new Database(copy, { readonly: true });
  try {
    // Not even the schema is in the file while everything is still in the WAL.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'updates'").get()) return 0;
    return (db.prepare('SELECT count(*) AS n FROM updates').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Rows the size of a typical merged Yjs update (about 5 WAL pages each, as the store counts them), one per commit. */
async function fill(store: SqliteStore, commits: number): Promise<void> {
  await createBoard(store, signer, { title: 'x' }, BOARD);
  const row = new Uint8Array(300).fill(7);
  for (let i = 0; i < commits; i++) await store.append([{ boardId: BOARD, data: row }]);
}
/** Past the point where the store asks for a checkpoint. */
const PAST_CADENCE = CHECKPOINT_EVERY_PAGES / 5 + 20;
/** Past SQLite's own 1,000-page checkpoint, short of the store's cadence. */
const PAST_SQLITE = 400;

/** Frames in the WAL file (each a page and its 24-byte header, after a 32-byte file header). */
const walFrames = (path: string, pageSize = 4096): number => Math.max(0, (statSync(`${path}-wal`).size - 32) / (pageSize + 24));

/** This process's threads and their nice values (Linux). */
function threadNices(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    try {
      // The name in parentheses may hold spaces or parentheses itself: fields start after the last ')'.
      const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
      out.set(tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // (The thread ended meanwhile.)
    }
  }
  return out;
}

describe('WAL checkpoints off the event loop', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('the checkpoint thread copies committed rows into the database file', async () => {
    const path = join(tmp.dir, 'thread.db');
    const store = new SqliteStore(path);
    try {
      await fill(store, PAST_CADENCE);
      await store.checkpointer!.settled();
      expect(store.checkpointer!.done).toBeGreaterThan(0);
      expect(store.checkpointer!.last).toMatchObject({ ok: true });
      // Small rows count as the pages they really cost: the checkpoint was asked for by about
      // CHECKPOINT_EVERY_PAGES / 5 commits, and everything up to then is in the file itself.
      expect(rowsInDatabaseFile(path, join(tmp.dir, 'thread-copy.db'))).toBeGreaterThanOrEqual(CHECKPOINT_EVERY_PAGES / 5);
    } finally {
      await store.close();
    }
  });

  it('with the thread, the store\'s own commits no longer checkpoint at SQLite\'s 1,000 pages (only at 10 times that)', async () => {
    const path = join(tmp.dir, 'raised.db');
    const store = new SqliteStore(path);
    try {
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
      await fill(store, PAST_SQLITE);
      expect(walFrames(path)).toBeGreaterThan(1000);
      expect(store.checkpointer!.thread).toBeNull(); // not asked yet
      expect(rowsInDatabaseFile(path, join(tmp.dir, 'raised-copy.db'))).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('without the thread, the same commits make SQLite checkpoint inside a commit, on the event loop', async () => {
    const path = join(tmp.dir, 'nothread.db');
    const store = new SqliteStore(path, { checkpointThread: false });
    try {
      expect(store.checkpointer).toBeNull();
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      await fill(store, PAST_SQLITE);
      expect(rowsInDatabaseFile(path, join(tmp.dir, 'nothread-copy.db'))).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('when the thread dies, the store logs it and its own commits checkpoint at SQLite\'s usual size again', async () => {
    const warnings: string[] = [];
    const log: Logger = { info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined };
    const store = new SqliteStore(join(tmp.dir, 'dies.db'), { log });
    try {
      await fill(store, PAST_CADENCE);
      await store.checkpointer!.settled();
      await store.checkpointer!.thread!.terminate();
      await expect.poll(() => store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(warnings).toEqual([expect.stringMatching(/checkpoint thread exited .*checkpoint the WAL again/)]);
      await store.append([{ boardId: BOARD, data: new Uint8Array(10) }]); // commits go on
    } finally {
      await store.close();
    }
  });

  it('a thread that cannot open the database says so once, and the caller checkpoints on its own again', async () => {
    const downs: string[] = [];
    const c = new Checkpointer({ path: join(tmp.dir, 'no', 'such', 'dir', 'x.db'), synchronous: 'full' }, (why) => downs.push(why));
    c.request();
    await c.settled();
    await expect.poll(() => downs.length).toBe(1);
    expect(downs[0]).toMatch(/checkpoint thread (failed|exited)/);
    c.request(); // refused quietly from now on
    await c.settled();
    expect(downs).toHaveLength(1);
    await c.close();
  });

  it('an idle store has its WAL copied into the database and the WAL file emptied', async () => {
    const path = join(tmp.dir, 'idle.db');
    const store = new SqliteStore(path, { idleTruncateMs: 300 });
    try {
      await fill(store, 200);
      expect(walFrames(path)).toBeGreaterThan(200);
      await waitFor(() => walEmptied(store), 'the WAL emptied');
      expect(statSync(`${path}-wal`).size).toBe(0);
      expect(rowsInDatabaseFile(path, join(tmp.dir, 'idle-copy.db'))).toBe(200);
      // Commits go on into the emptied WAL.
      await store.append([{ boardId: BOARD, data: new Uint8Array(10) }]);
      expect((await store.load(BOARD))!.updates).toHaveLength(201);
    } finally {
      await store.close();
    }
  });

  it('soon after a board is deleted, none of its bytes are left in the database or the WAL file', async () => {
    const path = join(tmp.dir, 'wipe.db');
    // (The idle wipe is far off: only the deletion's shorter wait can empty the WAL here.)
    const store = new SqliteStore(path, { idleTruncateMs: 600_000, deleteWipeMs: 200 });
    try {
      await fill(store, 50);
      const canary = `CANARY-${Math.random().toString(36).slice(2, 10)}`;
      await store.append([{ boardId: BOARD, data: new TextEncoder().encode(`${canary} a note's words`) }]);
      await store.addParticipant(BOARD, { id: 'p-1', name: `${canary}-name`, team: '', joinedAt: 1 });
      const contents = () => Buffer.concat([readFileSync(path), readFileSync(`${path}-wal`)]);
      expect(contents().includes(canary)).toBe(true);
      await store.delete(BOARD);
      await waitFor(() => walEmptied(store), 'the WAL emptied');
      expect(statSync(`${path}-wal`).size).toBe(0);
      expect(contents().includes(canary)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('closing while the thread fails does not wait forever', async () => {
    const c = new Checkpointer({ path: join(tmp.dir, 'no', 'such', 'dir', 'y.db'), synchronous: 'full' }, () => undefined);
    c.request();
    const outcome = await Promise.race([c.close().then(() => 'closed'), new Promise((r) => setTimeout(r, 10_000, 'still waiting'))]);
    expect(outcome).toBe('closed');
  });

  it.runIf(process.platform === 'linux')('background threads run below the event loop: compaction at the lowest CPU priority, checkpoints below normal', async () => {
    const before = threadNices();
    const newWith = (nice: number) => [...threadNices()].filter(([tid, n]) => n === nice && !before.has(tid));
    const compactor = new Compactor();
    const store = new SqliteStore(join(tmp.dir, 'nice.db'));
    try {
      await compactor.encode({ boardId: BOARD, snapshot: null, snapshotFormat: 2, snapshotSeq: 0, updates: [], uptoSeq: 0 });
      await fill(store, PAST_CADENCE);
      await store.checkpointer!.settled();
      expect(newWith(19)).toHaveLength(1);
      expect(newWith(10)).toHaveLength(1);
      // The process's main thread keeps whatever it had.
      expect(threadNices().get(String(process.pid))).toBe(before.get(String(process.pid)));
    } finally {
      await compactor.close();
      await store.close();
    }
  });
});
