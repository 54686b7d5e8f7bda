/**
 * SQLite storage (better-sqlite3, WAL). Calls are synchronous underneath; the interface is
 * async so the PostgreSQL adapter can share it.
 */
import Database from 'better-sqlite3';
import { closeSync, fdatasync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BoardId } from '../../shared/ids.js';
import type { BudgetCheck, Vote } from '../../shared/tally.js';
import type { Logger } from '../log.js';
import { Checkpointer, CHECKPOINT_EVERY_PAGES, FALLBACK_AUTOCHECKPOINT_PAGES } from './checkpointer.js';
import { V2_STUB } from './snapshot.js';
import type { AppendEntry, BoardRecord, BoardStore, Commit, CompactionSource, LoadedBoard, ParticipantRecord } from './types.js';
import type { CompactRequest } from '../compactor.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id          TEXT PRIMARY KEY,
  epoch       TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  snapshot    BLOB,
  snapshot_seq INTEGER NOT NULL DEFAULT 0,
  snapshot_v2 BLOB,
  join_code   TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS participants (
  board_id   TEXT NOT NULL,
  id         TEXT NOT NULL,
  name       TEXT NOT NULL,
  team       TEXT NOT NULL,
  joined_at  INTEGER NOT NULL,
  removed    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (board_id, id)
);
CREATE TABLE IF NOT EXISTS updates (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id  TEXT NOT NULL,
  data      BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_board ON updates (board_id, seq);
CREATE TABLE IF NOT EXISTS quarantined_updates (
  seq       INTEGER PRIMARY KEY,
  board_id  TEXT NOT NULL,
  data      BLOB NOT NULL,
  reason    TEXT NOT NULL,
  at        INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS votes (
  board_id   TEXT NOT NULL,
  round      INTEGER NOT NULL,
  voter      TEXT NOT NULL,
  team       TEXT NOT NULL,
  criterion  TEXT NOT NULL,
  target     TEXT NOT NULL,
  value      INTEGER NOT NULL,
  PRIMARY KEY (board_id, round, voter, criterion, target)
);
CREATE TABLE IF NOT EXISTS votes_done (
  board_id   TEXT NOT NULL,
  round      INTEGER NOT NULL,
  voter      TEXT NOT NULL,
  team       TEXT NOT NULL,
  PRIMARY KEY (board_id, round, voter)
);
CREATE TABLE IF NOT EXISTS client_owners (
  board_id  TEXT NOT NULL,
  client    INTEGER NOT NULL,
  owner     TEXT NOT NULL,
  PRIMARY KEY (board_id, client)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

export interface SqliteOptions {
  /**
   * 'full': a change is acknowledged once it is on disk (survives a power loss); 'normal': once
   * it is committed (survives a process crash only). With 'full', commits are written without
   * waiting for the disk and the WAL is synced off the event loop, one sync for every commit
   * made while the previous one ran (see syncWal).
   */
  synchronous?: 'full' | 'normal';
  /**
   * Checkpoint the WAL on a thread of its own (see checkpointer.ts). Default: on, except for
   * ':memory:' (which has no WAL).
   */
  checkpointThread?: boolean;
  /** Where to say that the checkpoint thread failed. */
  log?: Logger;
  /** Empty the WAL file once no commit has come for this long (ms); see wipeWalWhenIdle. */
  idleTruncateMs?: number;
  /** After a board is deleted, the same once no commit has come for this long (ms). */
  deleteWipeMs?: number;
}

/** Defaults of SqliteOptions.idleTruncateMs and deleteWipeMs. */
const IDLE_TRUNCATE_MS = 60_000;
const DELETE_WIPE_MS = 1_000;

/** SQLite's default WAL auto-checkpoint, pages. */
const AUTOCHECKPOINT_PAGES = 1_000;
/**
 * Pages a commit writes to the WAL besides its rows' bytes: the table's leaf and the index's,
 * sqlite_sequence (AUTOINCREMENT), often client_owners. Small updates cost whole pages.
 */
const PAGES_PER_COMMIT = 4;

type VoteRow = Vote;

interface BoardRow { id: string; epoch: string; created_at: number; join_code: string }

const toRecord = (row: BoardRow): BoardRecord =>
  ({ id: row.id as BoardId, epoch: row.epoch, createdAt: row.created_at, joinCode: row.join_code });

const asBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** Folded log rows deleted per event-loop turn (see SqliteStore.compact). */
const DELETE_BATCH = 500;

export class SqliteStore implements BoardStore {
  readonly db: Database.Database;
  private readonly stmt;
  private readonly appendTx;
  /** Rows folded into a snapshot and not deleted yet, by board: up to which seq (see compact). */
  private readonly folded = new Map<BoardId, number>();
  /** Copies the WAL into the database off the event loop; null when off. */
  readonly checkpointer: Checkpointer | null = null;
  /** WAL pages written (an estimate) since the last checkpoint was asked for. */
  private uncheckpointed = 0;
  private readonly pageSize: number;
  /** A file database can be read by the compaction thread itself (see readFoldable). */
  readonly compactionSource?: CompactionSource;
  private readonly idleTruncateMs: number;
  private readonly deleteWipeMs: number;
  /** Empties the WAL once the store has been idle (see wipeWalWhenIdle), and its delay. */
  private wipeTimer: NodeJS.Timeout | null = null;
  private wipeDelay = Infinity;
  /** The WAL file, open while commits are synced off the event loop ('full' on a file); see syncWal. */
  private walFd: number | null = null;
  /** A WAL sync is running; those waiting for the next one (their commits came after it began). */
  private syncing = false;
  private syncWaiters: Array<{ resolve(): void; reject(err: unknown): void }> = [];
  /** Set by a failed sync, and every later one fails with it: see syncWal. */
  private syncError: unknown = null;

  constructor(path: string, opts: SqliteOptions = {}) {
    this.idleTruncateMs = opts.idleTruncateMs ?? IDLE_TRUNCATE_MS;
    this.deleteWipeMs = opts.deleteWipeMs ?? DELETE_WIPE_MS;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const wal = path !== ':memory:' && String(this.db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    if (wal && opts.synchronous !== 'normal') this.walFd = openWal(this.db, opts.log);
    // In WAL mode NORMAL writes a commit without syncing it; FULL syncs it on the event loop
    // (only when the WAL could not be opened for syncing off it).
    this.db.pragma(`synchronous = ${opts.synchronous === 'normal' || this.walFd !== null ? 'NORMAL' : 'FULL'}`);
    this.pageSize = Number(this.db.pragma('page_size', { simple: true })) || 4096;
    if (path !== ':memory:') this.compactionSource = { sqlitePath: path };
    if (opts.checkpointThread ?? path !== ':memory:') {
      this.db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
      this.checkpointer = new Checkpointer({ path, synchronous: opts.synchronous ?? 'full' }, (why) => {
        opts.log?.warn(`${why}; the server's own commits checkpoint the WAL again`);
        if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      });
    }
    // Databases from before compaction wrote V2 snapshots (see snapshot.ts) get the column.
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(boards)').all().map((c) => c.name);
    if (!columns.includes('snapshot_v2')) {
      try {
        this.db.exec('ALTER TABLE boards ADD COLUMN snapshot_v2 BLOB');
      } catch (err) {
        // Another process opening the same file added it first.
        if (!/duplicate column/i.test(String(err))) throw err;
      }
    }
    const db = this.db;
    this.stmt = {
      insertBoard: db.prepare('INSERT INTO boards (id, epoch, created_at, snapshot, join_code) VALUES (?, ?, ?, ?, ?)'),
      getBoard: db.prepare<[string], BoardRow>('SELECT id, epoch, created_at, join_code FROM boards WHERE id = ?'),
      getByCode: db.prepare<[string], BoardRow>('SELECT id, epoch, created_at, join_code FROM boards WHERE join_code = ?'),
      setJoinCode: db.prepare('UPDATE boards SET join_code = ? WHERE id = ?'),
      getSnapshot: db.prepare<[string], BoardRow & { snapshot: Buffer | null; snapshot_v2: Buffer | null; snapshot_seq: number }>(
        'SELECT id, epoch, created_at, join_code, snapshot, snapshot_v2, snapshot_seq FROM boards WHERE id = ?'),
      addParticipant: db.prepare(
        `INSERT INTO participants (board_id, id, name, team, joined_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (board_id, id) DO UPDATE SET name = excluded.name, team = excluded.team`),
      removeParticipant: db.prepare(
        `INSERT INTO participants (board_id, id, name, team, joined_at, removed) VALUES (?, ?, '', '', 0, 1)
         ON CONFLICT (board_id, id) DO UPDATE SET removed = 1`),
      isRemoved: db.prepare<[string, string], { removed: number }>('SELECT removed FROM participants WHERE board_id = ? AND id = ?'),
      listParticipants: db.prepare<[string], { id: string; name: string; team: string; joined_at: number; removed: number }>(
        'SELECT id, name, team, joined_at, removed FROM participants WHERE board_id = ? ORDER BY joined_at'),
      deleteBoardParticipants: db.prepare('DELETE FROM participants WHERE board_id = ?'),
      votesOf: db.prepare<[string, number, string], VoteRow>(
        'SELECT voter, team, criterion, target, value FROM votes WHERE board_id = ? AND round = ? AND voter = ?'),
      allVotes: db.prepare<[string, number], VoteRow>(
        'SELECT voter, team, criterion, target, value FROM votes WHERE board_id = ? AND round = ? ORDER BY voter, criterion, target'),
      upsertVote: db.prepare(
        `INSERT INTO votes (board_id, round, voter, team, criterion, target, value) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (board_id, round, voter, criterion, target) DO UPDATE SET value = excluded.value, team = excluded.team`),
      deleteVote: db.prepare('DELETE FROM votes WHERE board_id = ? AND round = ? AND voter = ? AND criterion = ? AND target = ?'),
      setDone: db.prepare('INSERT OR REPLACE INTO votes_done (board_id, round, voter, team) VALUES (?, ?, ?, ?)'),
      unsetDone: db.prepare('DELETE FROM votes_done WHERE board_id = ? AND round = ? AND voter = ?'),
      votersDone: db.prepare<[string, number], { voter: string; team: string }>('SELECT voter, team FROM votes_done WHERE board_id = ? AND round = ?'),
      deleteBoardVotes: db.prepare('DELETE FROM votes WHERE board_id = ?'),
      deleteBoardVotesDone: db.prepare('DELETE FROM votes_done WHERE board_id = ?'),
      // Rows folded into the snapshot may still be there (they are deleted in batches, see compact).
      getUpdates: db.prepare<[string, string], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE board_id = ? AND seq > (SELECT snapshot_seq FROM boards WHERE id = ?) ORDER BY seq'),
      insertUpdate: db.prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)'),
      // Only forward: a compaction that finishes after a newer one must not put back an older state.
      // The V1 column gets a stub that an older server refuses as "too new" (see snapshot.ts).
      setSnapshot: db.prepare('UPDATE boards SET snapshot = ?, snapshot_v2 = ?, snapshot_seq = ? WHERE id = ? AND snapshot_seq <= ?'),
      deleteUpdatesUpTo: db.prepare<[string, number, number]>(
        'DELETE FROM updates WHERE seq IN (SELECT seq FROM updates WHERE board_id = ? AND seq <= ? ORDER BY seq LIMIT ?)'),
      quarantine: db.prepare(
        `INSERT OR REPLACE INTO quarantined_updates (seq, board_id, data, reason, at)
         SELECT seq, board_id, data, ?, ? FROM updates WHERE board_id = ? AND seq = ?`),
      deleteUpdate: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq = ?'),
      deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
      deleteBoardUpdates: db.prepare('DELETE FROM updates WHERE board_id = ?'),
      deleteBoardQuarantine: db.prepare('DELETE FROM quarantined_updates WHERE board_id = ?'),
      getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      setSetting: db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)'),
      insertOwner: db.prepare<[string, number, string]>('INSERT OR IGNORE INTO client_owners (board_id, client, owner) VALUES (?, ?, ?)'),
      getOwners: db.prepare<[string], { client: number; owner: string }>('SELECT client, owner FROM client_owners WHERE board_id = ?'),
      deleteBoardOwners: db.prepare<[string]>('DELETE FROM client_owners WHERE board_id = ?'),
    };
    // One transaction per batch: the whole event-loop turn's updates share one commit (one fsync).
    this.appendTx = db.transaction((entries: readonly AppendEntry[]): number[] =>
      entries.map((e) => {
        // The first claim stands (a retried commit may carry one again).
        for (const [client, owner] of e.owners ?? []) this.stmt.insertOwner.run(e.boardId, client, owner);
        return Number(this.stmt.insertUpdate.run(e.boardId, e.data).lastInsertRowid);
      }));
  }

  async create(record: BoardRecord, initialState: Uint8Array): Promise<void> {
    this.stmt.insertBoard.run(record.id, record.epoch, record.createdAt, initialState, record.joinCode);
    await this.syncWal();
  }

  async get(id: BoardId): Promise<BoardRecord | null> {
    const row = this.stmt.getBoard.get(id);
    return row ? toRecord(row) : null;
  }

  async findByJoinCode(code: string): Promise<BoardRecord | null> {
    const row = this.stmt.getByCode.get(code);
    return row ? toRecord(row) : null;
  }

  async setJoinCode(id: BoardId, code: string): Promise<void> {
    this.stmt.setJoinCode.run(code, id);
    await this.syncWal();
  }

  async addParticipant(boardId: BoardId, p: Omit<ParticipantRecord, 'removed'>): Promise<void> {
    this.stmt.addParticipant.run(boardId, p.id, p.name, p.team, p.joinedAt);
    await this.syncWal();
  }

  async removeParticipant(boardId: BoardId, participantId: string): Promise<void> {
    this.stmt.removeParticipant.run(boardId, participantId);
    await this.syncWal();
  }

  async isRemoved(boardId: BoardId, participantId: string): Promise<boolean> {
    return this.stmt.isRemoved.get(boardId, participantId)?.removed === 1;
  }

  async listParticipants(boardId: BoardId): Promise<ParticipantRecord[]> {
    return this.stmt.listParticipants.all(boardId).map((r) => ({
      id: r.id, name: r.name, team: r.team, joinedAt: r.joined_at, removed: r.removed === 1,
    }));
  }

  async load(id: BoardId): Promise<LoadedBoard | null> {
    const row = this.stmt.getSnapshot.get(id);
    if (!row) return null;
    return {
      record: toRecord(row),
      ...storedSnapshot(row),
      updates: this.stmt.getUpdates.all(id, id).map((u) => ({ seq: u.seq, data: asBytes(u.data) })),
      clientOwners: this.stmt.getOwners.all(id).map((o) => [o.client, o.owner]),
    };
  }

  async append(entries: readonly AppendEntry[]): Promise<number[]> {
    const { seqs, durable } = this.commit(entries);
    await durable;
    return seqs;
  }

  commit(entries: readonly AppendEntry[]): Commit {
    if (entries.length === 0) return { seqs: [], durable: null };
    const seqs = this.appendTx(entries);
    let bytes = 0;
    for (const e of entries) bytes += e.data.length;
    this.committed(bytes);
    return { seqs, durable: this.walFd !== null ? this.syncWal() : null };
  }

  /**
   * Resolves once every commit made so far is on disk. The WAL is synced on libuv's thread pool
   * (fdatasync: the file's data and its size), so the event loop goes on meanwhile; commits made
   * while a sync runs share the next one. The WAL only grows by whole frames and SQLite reads it
   * only up to the last commit frame whose checksums hold, so a power loss keeps a prefix of the
   * commits: never a torn one, never a later without an earlier. Once a sync has failed, every
   * later one fails too: after an fsync error the kernel may have dropped the pages it could not
   * write and report success for the next, so nothing written since can be called on disk.
   */
  private syncWal(): Promise<void> {
    if (this.walFd === null) return Promise.resolve();
    if (this.syncError) return Promise.reject(this.syncError);
    return new Promise((resolve, reject) => {
      this.syncWaiters.push({ resolve, reject });
      if (!this.syncing) this.startWalSync();
    });
  }

  private startWalSync(): void {
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    this.syncing = true;
    fdatasync(this.walFd!, (err) => {
      this.syncing = false;
      if (err) this.syncError ??= err;
      // After a failure, those who came meanwhile fail too: a second sync could report success
      // for pages the first one lost.
      const queued = this.syncError ? this.syncWaiters.splice(0) : [];
      for (const w of [...waiters, ...queued]) {
        if (this.syncError) w.reject(this.syncError);
        else w.resolve();
      }
      if (this.syncWaiters.length > 0) this.startWalSync();
    });
  }

  /** Count what a commit wrote to the WAL; past CHECKPOINT_EVERY_PAGES, ask the checkpoint thread to copy it. */
  private committed(bytes: number, extraPages = 0): void {
    if (!this.checkpointer) return;
    this.wipeWalWhenIdle(this.idleTruncateMs);
    this.uncheckpointed += PAGES_PER_COMMIT + extraPages + Math.ceil(bytes / this.pageSize);
    if (this.uncheckpointed < CHECKPOINT_EVERY_PAGES) return;
    this.uncheckpointed = 0;
    this.checkpointer.request();
  }

  /**
   * Once no commit has come for `ms` (each commit starts the wait again; the shortest wait asked
   * for since the last wipe counts), have the checkpoint thread copy the WAL into the database
   * and empty it. SQLite keeps the WAL file at its largest size (tens of MB after a busy session)
   * with old pages in it, those of a deleted board among them, until they are written over.
   */
  private wipeWalWhenIdle(ms: number): void {
    if (!this.checkpointer) return;
    if (this.wipeTimer && ms >= this.wipeDelay) {
      this.wipeTimer.refresh();
      return;
    }
    if (this.wipeTimer) clearTimeout(this.wipeTimer);
    this.wipeDelay = ms;
    this.wipeTimer = setTimeout(() => {
      this.wipeTimer = null;
      this.wipeDelay = Infinity;
      this.uncheckpointed = 0;
      this.checkpointer?.request(true);
    }, ms);
    this.wipeTimer.unref();
  }

  async compact(id: BoardId, snapshot: Uint8Array, uptoSeq: number, owners: AppendEntry['owners'] = []): Promise<void> {
    const moved = this.db.transaction(() => {
      for (const [client, owner] of owners) this.stmt.insertOwner.run(id, client, owner);
      return this.stmt.setSnapshot.run(V2_STUB, snapshot, uptoSeq, id, uptoSeq).changes > 0;
    })();
    if (!moved) return;
    this.committed(snapshot.length);
    // The folded rows are no longer read (see getUpdates); deleting thousands of them in one
    // statement held the event loop for tens of ms on a busy board, so they go a batch per turn.
    const upto = Math.max(uptoSeq, this.folded.get(id) ?? 0);
    const running = this.folded.has(id);
    this.folded.set(id, upto);
    if (!running) setImmediate(() => this.deleteFolded(id));
  }

  /** Delete one batch of a board's folded rows, and schedule the next while there are more. */
  private deleteFolded(id: BoardId): void {
    const upto = this.folded.get(id);
    if (upto === undefined || !this.db.open) return;
    try {
      const deleted = this.stmt.deleteUpdatesUpTo.run(id, upto, DELETE_BATCH).changes;
      // Freeing rows rewrites their leaf pages (a few rows each) and the index's.
      this.committed(0, Math.ceil(deleted / 4));
      if (deleted === DELETE_BATCH) {
        setImmediate(() => this.deleteFolded(id));
        return;
      }
    } catch {
      // (Busy or closed: the rows stay unread, and the board's next compaction deletes them.)
    }
    if (this.folded.get(id) === upto) this.folded.delete(id);
    else setImmediate(() => this.deleteFolded(id));
  }

  async quarantine(id: BoardId, seq: number, reason: string): Promise<void> {
    this.db.transaction(() => {
      this.stmt.quarantine.run(reason, Date.now(), id, seq);
      this.stmt.deleteUpdate.run(id, seq);
    })();
    await this.syncWal();
  }

  async delete(id: BoardId): Promise<void> {
    this.folded.delete(id);
    // Participants are often minors: what is deleted is overwritten, not left in free pages.
    const was = Number(this.db.pragma('secure_delete', { simple: true }));
    this.db.pragma('secure_delete = ON');
    try {
      this.deleteTx(id);
    } finally {
      this.db.pragma(`secure_delete = ${was}`);
    }
    await this.syncWal();
    // The WAL still holds the board's earlier pages: it is emptied once the store is idle.
    this.wipeWalWhenIdle(this.deleteWipeMs);
  }

  private deleteTx(id: BoardId): void {
    this.db.transaction(() => {
      this.stmt.deleteBoardUpdates.run(id);
      this.stmt.deleteBoardQuarantine.run(id);
      this.stmt.deleteBoardParticipants.run(id);
      this.stmt.deleteBoardVotes.run(id);
      this.stmt.deleteBoardVotesDone.run(id);
      this.stmt.deleteBoardOwners.run(id);
      this.stmt.deleteBoard.run(id);
    })();
  }

  async setting(key: string, init: () => string): Promise<string> {
    const row = this.stmt.getSetting.get(key);
    if (row) return row.value;
    this.stmt.setSetting.run(key, init());
    await this.syncWal();
    return this.stmt.getSetting.get(key)!.value;
  }

  async castVote(boardId: BoardId, round: number, vote: Vote, check: (mine: Vote[]) => BudgetCheck): Promise<BudgetCheck> {
    const verdict = this.db.transaction((): BudgetCheck => {
      const verdict = check(this.stmt.votesOf.all(boardId, round, vote.voter));
      if (!verdict.ok) return verdict;
      if (vote.value === 0) this.stmt.deleteVote.run(boardId, round, vote.voter, vote.criterion, vote.target);
      else this.stmt.upsertVote.run(boardId, round, vote.voter, vote.team, vote.criterion, vote.target, vote.value);
      return verdict;
    }).immediate();
    if (verdict.ok) await this.syncWal();
    return verdict;
  }

  async votesOf(boardId: BoardId, round: number, voter: string): Promise<Vote[]> {
    return this.stmt.votesOf.all(boardId, round, voter);
  }

  async allVotes(boardId: BoardId, round: number): Promise<Vote[]> {
    return this.stmt.allVotes.all(boardId, round);
  }

  async setVoteDone(boardId: BoardId, round: number, voter: string, team: string, done: boolean): Promise<void> {
    if (done) this.stmt.setDone.run(boardId, round, voter, team);
    else this.stmt.unsetDone.run(boardId, round, voter);
    await this.syncWal();
  }

  async votersDone(boardId: BoardId, round: number): Promise<Map<string, string>> {
    return new Map(this.stmt.votersDone.all(boardId, round).map((r) => [r.voter, r.team]));
  }

  async close(): Promise<void> {
    if (this.wipeTimer) clearTimeout(this.wipeTimer);
    this.wipeTimer = null;
    // Commits still waiting for their sync get it; what close() writes below, the closing checkpoint syncs.
    await this.syncWal().catch(() => undefined);
    // (A sync that ends lets those who came meanwhile start the next: the fd stays until none runs.)
    while (this.syncing || this.syncWaiters.length > 0) await this.syncWal().catch(() => undefined);
    if (this.walFd !== null) closeSync(this.walFd);
    this.walFd = null;
    // (Before the store's own connection closes: the last connection to close checkpoints.)
    await this.checkpointer?.close();
    // Whatever is left to delete goes now: a stopping server has no turns to keep short.
    for (const [id, upto] of this.folded) {
      let deleted = DELETE_BATCH;
      while (deleted === DELETE_BATCH) deleted = this.stmt.deleteUpdatesUpTo.run(id, upto, DELETE_BATCH).changes;
    }
    this.folded.clear();
    this.db.close();
  }
}

type SnapshotColumns = { snapshot: Buffer | null; snapshot_v2: Buffer | null; snapshot_seq: number };

/** A board row's snapshot: the V2 column when compaction wrote one, else the V1 one (see snapshot.ts). */
const storedSnapshot = (row: SnapshotColumns): Pick<LoadedBoard, 'snapshot' | 'snapshotFormat' | 'snapshotSeq'> => ({
  snapshot: row.snapshot_v2 ? asBytes(row.snapshot_v2) : row.snapshot ? asBytes(row.snapshot) : null,
  snapshotFormat: row.snapshot_v2 ? 2 : 1,
  snapshotSeq: row.snapshot_seq,
});

/**
 * What compacting a board up to `uptoSeq` folds, read in one read transaction (a consistent
 * view of snapshot and log), on a connection of the caller's: the compaction thread's own. Null
 * when there is nothing to fold: the board is gone, or its snapshot already holds `uptoSeq`.
 */
export function readFoldable(db: Database.Database, boardId: string, uptoSeq: number): Omit<CompactRequest, 'id'> | null {
  return db.transaction(() => {
    const row = db.prepare<[string], SnapshotColumns>('SELECT snapshot, snapshot_v2, snapshot_seq FROM boards WHERE id = ?').get(boardId);
    if (!row || row.snapshot_seq >= uptoSeq) return null;
    const updates = db.prepare<[string, number, number], { data: Buffer }>(
      'SELECT data FROM updates WHERE board_id = ? AND seq > ? AND seq <= ? ORDER BY seq').all(boardId, row.snapshot_seq, uptoSeq);
    return { boardId, ...storedSnapshot(row), updates: updates.map((u) => asBytes(u.data)), uptoSeq };
  })();
}

/**
 * Open the WAL of `db`'s main database for syncing it off the event loop (see syncWal), or null
 * (then commits sync on the event loop). Its name comes from SQLite, which resolves a symbolic
 * link in the path: the WAL is beside the real file. SQLite creates it when it enters WAL mode.
 */
function openWal(db: Database.Database, log: Logger | undefined): number | null {
  const main = db.prepare<[], { name: string; file: string }>('PRAGMA database_list').all().find((d) => d.name === 'main');
  try {
    if (!main?.file) throw new Error('no file name for the main database');
    return openSync(`${main.file}-wal`, 'r+');
  } catch (err) {
    log?.warn(`cannot open the WAL to sync it off the event loop (${String(err)}); every commit syncs on the event loop instead`);
    return null;
  }
}
