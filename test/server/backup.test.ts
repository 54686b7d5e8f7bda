import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { BoardId } from '../../shared/ids.js';
import { addNote, selectNotes } from '../../shared/notes.js';
import { createBoard } from '../../server/boards.js';
import { backupDatabase, BackupError } from '../../server/backup.js';
import { SqliteStore } from '../../server/storage/sqlite.js';
import { TokenSigner } from '../../server/tokens.js';
import { tempDir } from '../helpers/server.js';
import { storedDoc } from '../helpers/stored.js';

const BOARD = '23456789abcd' as BoardId;
const signer = new TokenSigner('x'.repeat(32));

/** A store with one board whose `n` notes are log rows still in the WAL (no checkpoint ran). */
async function busyStore(path: string, n: number): Promise<SqliteStore> {
  const store = new SqliteStore(path);
  await createBoard(store, signer, { title: 'Shade' }, BOARD);
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) addNote(doc, { text: `idea ${i}`, pos: { x: i, y: i }, author: 'p', authorName: 'P' });
  await store.append(updates.map((data) => ({ boardId: BOARD, data })));
  return store;
}

describe('backup', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('copies a database the server has open, including commits still in its WAL', async () => {
    const source = join(tmp.dir, 'live.db');
    const store = await busyStore(source, 40);
    try {
      // The rows are in the WAL, not in the database file: a copy of that file alone would lack them.
      expect(statSync(`${source}-wal`).size).toBeGreaterThan(0);
      const dest = join(tmp.dir, 'copy.db');
      const result = backupDatabase(source, dest);
      expect(result).toMatchObject({ path: dest, boards: 1 });
      expect(result.bytes).toBe(statSync(dest).size);
      // The server goes on writing; the copy is the moment it was taken.
      await store.append([{ boardId: BOARD, data: Y.encodeStateAsUpdate(new Y.Doc()) }]);

      const copy = new SqliteStore(dest, { checkpointThread: false });
      try {
        const loaded = await copy.load(BOARD);
        expect(loaded?.record.id).toBe(BOARD);
        expect(loaded?.updates).toHaveLength(40);
        expect(selectNotes(storedDoc(loaded!)).map((n) => n.text).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `idea ${i}`).sort());
      } finally {
        await copy.close();
      }
    } finally {
      await store.close();
    }
  });

  it('refuses a destination that exists and a source that does not, saying which', async () => {
    const source = join(tmp.dir, 'src.db');
    const store = await busyStore(source, 1);
    try {
      const taken = join(tmp.dir, 'taken.db');
      writeFileSync(taken, 'yesterday');
      expect(() => backupDatabase(source, taken)).toThrow(BackupError);
      expect(() => backupDatabase(source, taken)).toThrow(/already exists/);
      expect(() => backupDatabase(join(tmp.dir, 'missing.db'), join(tmp.dir, 'new.db'))).toThrow(/no database at/);
      expect(existsSync(join(tmp.dir, 'new.db'))).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('runs as `npm run backup -- <file>` against CHARRETTE_DATA', async () => {
    const source = join(tmp.dir, 'cli.db');
    const store = await busyStore(source, 3);
    try {
      const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/backup.ts', ...args], {
        env: { ...process.env, CHARRETTE_DATA: source },
        encoding: 'utf8',
      });
      const dest = join(tmp.dir, 'cli-copy.db');
      const ok = run(dest);
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      expect(ok.stdout).toContain(`backed up 1 board(s) from ${source} to ${dest}`);
      const again = run(dest);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('already exists');
      const usage = run();
      expect(usage.status).toBe(2);
      expect(usage.stderr).toContain('usage: npm run backup -- <new file>');
    } finally {
      await store.close();
    }
  }, 30_000);
});
