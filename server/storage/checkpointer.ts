/**
 * WAL checkpoints on a thread of their own. SQLite copies the log's pages into the database
 * file (and syncs it) from whichever commit first finds the log over its threshold: on the
 * event loop, that commit took 30-60 ms now and then on a busy board, and nothing was read or
 * delivered meanwhile. Here the event loop's connection only checkpoints as a safety net (a
 * log 25 times the usual size); the store asks this thread for a checkpoint once its commits
 * have written about CHECKPOINT_EVERY_PAGES pages, and commits go on while it runs.
 *
 * The thread starts with the first checkpoint asked for; a store that never commits that much
 * (most tests, a quiet server) never starts it.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../thread.js';

export interface CheckpointConfig {
  path: string;
  synchronous: 'full' | 'normal';
}

/**
 * `truncate`: once everything is copied, also empty the WAL file (SQLite leaves it at its largest
 * size otherwise, holding old pages, a deleted board's among them, until they are written over).
 */
export type CheckpointMessage = { type: 'checkpoint'; truncate: boolean } | { type: 'close' };

/** `truncated`: the WAL file was emptied (asked for, and no reader or writer held it off). */
export type CheckpointReply = { ok: true; logFrames: number; checkpointedFrames: number; truncated: boolean } | { ok: false; error: string };

/**
 * WAL pages written (as estimated by the store) between two checkpoints asked of the thread: ten
 * times SQLite's own 1,000 (about 40 MB of log). Wherever it runs, a checkpoint writes and syncs
 * the database file, and the server's next commits wait longer for their own sync meanwhile; a
 * checkpoint copies each page once however often it was rewritten, and a busy board rewrites the
 * same few pages with every commit, so rare checkpoints cost less in all. Measured at 200 users ×
 * 1 edit/s, interleaved, 3 rounds each: every 4,000 pages a p99 of 30-35 ms against 18-21 ms
 * with none in the window; every 10,000, 17-23 ms against 15-22 ms.
 */
export const CHECKPOINT_EVERY_PAGES = 10_000;
/** The event loop's connection still checkpoints once the log has this many pages (SQLite's default: 1,000), as a safety net. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 25_000;

export class Checkpointer {
  private worker: Worker | null = null;
  private running = false;
  private again = false;
  private againTruncate = false;
  private down = false;
  /** Checkpoints finished, and the last one's answer (for tests and diagnostics). */
  done = 0;
  last: CheckpointReply | null = null;
  private idle: Array<() => void> = [];

  /** `onDown`: the thread failed; the caller's connection must checkpoint on its own again. */
  constructor(private readonly config: CheckpointConfig, private readonly onDown: (why: string) => void) {}

  /** Ask for a checkpoint (and an empty WAL file after it: `truncate`); while one runs, one more follows it. */
  request(truncate = false): void {
    if (this.down) return;
    if (this.running) {
      this.again = true;
      this.againTruncate ||= truncate;
      return;
    }
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (err) {
      this.fail(`checkpoint thread could not start: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.running = true;
    worker.ref();
    worker.postMessage({ type: 'checkpoint', truncate } satisfies CheckpointMessage);
  }

  /** Resolves once no checkpoint is running or asked for. */
  settled(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  private start(): Worker {
    const worker = startTsWorker(new URL('./checkpointThread.ts', import.meta.url), this.config satisfies CheckpointConfig);
    this.worker = worker;
    worker.unref();
    worker.on('message', (reply: CheckpointReply) => {
      this.done++;
      this.last = reply;
      this.running = false;
      worker.unref();
      if (this.again) {
        const truncate = this.againTruncate;
        this.again = false;
        this.againTruncate = false;
        this.request(truncate);
      }
      if (!this.running) this.idle.splice(0).forEach((r) => r());
    });
    worker.on('error', (err) => this.fail(`checkpoint thread failed: ${err.message}`, worker));
    worker.on('exit', (code) => this.fail(`checkpoint thread exited with code ${code}`, worker));
    return worker;
  }

  private fail(why: string, worker?: Worker): void {
    if (worker && this.worker !== worker) return;
    this.worker = null;
    this.running = false;
    if (!this.down) {
      this.down = true;
      this.onDown(why);
    }
    this.idle.splice(0).forEach((r) => r());
  }

  /** The thread, once started (for diagnostics and tests). */
  get thread(): Worker | null {
    return this.worker;
  }

  /** Stop the thread (after the checkpoint under way, if any). */
  async close(): Promise<void> {
    this.down = true;
    const worker = this.worker;
    if (!worker) return;
    // Until it has exited: a server shutting down may have nothing else keeping the process up.
    worker.ref();
    const exited = new Promise<void>((r) => worker.once('exit', () => r()));
    // A thread that dies meanwhile settles this too (see fail, which still knows this worker).
    await Promise.race([this.settled(), exited]);
    worker.postMessage({ type: 'close' } satisfies CheckpointMessage);
    await exited;
    this.worker = null;
  }
}
