import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BoardId } from '../../shared/ids.js';
import { Checkpointer, CHECKPOINT_EVERY_BYTES, FALLBACK_AUTOCHECKPOINT_PAGES } from '../../server/storage/checkpointer.js';
import { SqliteStore } from '../../server/storage/sqlite.js';
import { Compactor } from '../../server/compactor.js';
import { createBoard } from '../../server/boards.js';
import { TokenSigner } from '../../server/tokens.js';
import { tempDir } from '../helpers/server.js';

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

/** Append about 1.5 × CHECKPOINT_EVERY_BYTES of rows, 64 KB per commit. */
async function fill(store: SqliteStore): Promise<number> {
  await createBoard(store, signer, { title: 'x' }, BOARD);
  const row = new Uint8Array(64 * 1024).fill(7);
  const commits = Math.ceil((1.5 * CHECKPOINT_EVERY_BYTES) / row.length);
  for (let i = 0; i < commits; i++) await store.append([{ boardId: BOARD, data: row }]);
  return commits;
}

/** This process's threads whose nice value is `nice` (Linux), by thread id. */
function threadsWithNice(nice: number): Set<string> {
  const out = new Set<string>();
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) === nice) out.add(tid);
    } catch {
      // (The thread ended meanwhile.)
    }
  }
  return out;
}

describe('WAL checkpoints off the event loop', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('the checkpoint thread copies committed rows into the database file; the store\'s own connection only checkpoints as a safety net', async () => {
    const path = join(tmp.dir, 'thread.db');
    const store = new SqliteStore(path);
    try {
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
      const commits = await fill(store);
      await store.checkpointer!.settled();
      expect(store.checkpointer!.done).toBeGreaterThan(0);
      expect(store.checkpointer!.last).toMatchObject({ ok: true });
      // Everything up to the checkpoint asked for is in the file itself, not only in the WAL.
      expect(rowsInDatabaseFile(path, join(tmp.dir, 'thread-copy.db'))).toBeGreaterThanOrEqual(Math.floor(CHECKPOINT_EVERY_BYTES / (64 * 1024)));
      expect(commits).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('without the thread, the same commits stay in the WAL (SQLite checkpoints only at ~4 MB)', async () => {
    const path = join(tmp.dir, 'nothread.db');
    const store = new SqliteStore(path, { checkpointThread: false });
    try {
      expect(store.checkpointer).toBeNull();
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      await fill(store);
      expect(rowsInDatabaseFile(path, join(tmp.dir, 'nothread-copy.db'))).toBe(0);
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

  it.runIf(process.platform === 'linux')('background threads (compaction, checkpoints) run at the lowest CPU priority', async () => {
    const before = threadsWithNice(19);
    const compactor = new Compactor();
    try {
      await compactor.encode({ boardId: BOARD, snapshot: null, snapshotFormat: 2, snapshotSeq: 0, updates: [], uptoSeq: 0 });
      const lowered = [...threadsWithNice(19)].filter((tid) => !before.has(tid));
      expect(lowered).toHaveLength(1);
      // The event loop's own thread is untouched.
      expect(threadsWithNice(0).has(String(process.pid))).toBe(true);
    } finally {
      await compactor.close();
    }
  });
});
