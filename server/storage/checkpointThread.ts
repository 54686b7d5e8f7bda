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

port.on('message', (msg: CheckpointMessage) => {
  if (msg.type === 'close') {
    db.close();
    port.close();
    return;
  }
  try {
    // PASSIVE: copies what it can without waiting for anyone; commits go on meanwhile.
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    port.postMessage({ ok: true, logFrames: row?.log ?? 0, checkpointedFrames: row?.checkpointed ?? 0 } satisfies CheckpointReply);
  } catch (err) {
    port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies CheckpointReply);
  }
});
