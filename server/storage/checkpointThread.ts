/**
 * The checkpoint thread's side (see checkpointer.ts): its own connection to the board database,
 * copying the WAL's committed pages into the database file when asked.
 */
import Database from 'better-sqlite3';
import { constants } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../thread.js';
import type { CheckpointConfig, CheckpointMessage, CheckpointReply } from './checkpointer.js';

const port = parentPort!;
// Below the event loop, but not starved on a saturated core: while a checkpoint holds SQLite's
// checkpoint lock, the server's own safety-net checkpoint cannot run.
lowerThisThreadPriority(constants.priority.PRIORITY_BELOW_NORMAL);
const config = workerData as CheckpointConfig;
// A failure to open ends the thread ('error'): the event loop's connection checkpoints again.
const db = new Database(config.path);
// The checkpoint syncs the database file as the server's commits sync the log.
db.pragma(`synchronous = ${config.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);

type CheckpointRow = { busy: number; log: number; checkpointed: number };

/** Tries to get a TRUNCATE checkpoint past a commit or read under way. */
const TRUNCATE_TRIES = 5;
const TRUNCATE_RETRY_MS = 40;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Empty the WAL file. TRUNCATE holds commits off while it runs; after the PASSIVE pass it has
 * almost nothing left to copy, so it is short. It waits for no one (see below): a reader or
 * writer under way makes it try again a little later.
 */
function truncateWal(): boolean {
  // Waiting in the busy handler for a reader to finish would hold every commit off meanwhile.
  const was = Number(db.pragma('busy_timeout', { simple: true }));
  db.pragma('busy_timeout = 0');
  try {
    for (let i = 0; i < TRUNCATE_TRIES; i++) {
      const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointRow[];
      if (row && row.busy === 0) return true;
      Atomics.wait(pause, 0, 0, TRUNCATE_RETRY_MS);
    }
    return false;
  } finally {
    db.pragma(`busy_timeout = ${was}`);
  }
}

port.on('message', (msg: CheckpointMessage) => {
  if (msg.type === 'close') {
    db.close();
    port.close();
    return;
  }
  try {
    // PASSIVE: copies what it can without waiting for anyone; commits go on meanwhile.
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
    const truncated = msg.truncate && truncateWal();
    port.postMessage({ ok: true, logFrames: row?.log ?? 0, checkpointedFrames: row?.checkpointed ?? 0, truncated } satisfies CheckpointReply);
  } catch (err) {
    port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies CheckpointReply);
  }
});
