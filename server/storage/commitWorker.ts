/** The commit thread's side (see commitThread.ts): one SQLite connection that appends to the log. */
import { parentPort, workerData } from 'node:worker_threads';
import type { CommitReply, CommitRequest, CommitThreadData } from './commitThread.js';
import { openDatabase } from './sqlite.js';
import type { AppendEntry } from './types.js';

const port = parentPort!;
const { path, synchronous } = workerData as CommitThreadData;
const db = openDatabase(path, synchronous);
const insert = db.prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)');
const appendTx = db.transaction((entries: readonly AppendEntry[]): number[] =>
  entries.map((e) => Number(insert.run(e.boardId, e.data).lastInsertRowid)));

const reply = (r: CommitReply) => port.postMessage(r);

port.on('message', (req: CommitRequest) => {
  if (req.type === 'close') {
    db.close();
    port.close();
    return;
  }
  try {
    reply({ type: 'done', id: req.id, seqs: appendTx(req.entries) });
  } catch (err) {
    reply({ type: 'failed', id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
reply({ type: 'ready' });
