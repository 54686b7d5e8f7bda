/**
 * Appends to the update log from a worker thread with its own SQLite connection.
 *
 * Each group commit ends in an fsync (synchronous=FULL), and a synchronous driver waits for it on
 * whichever thread commits. On the event loop that wait is time in which no message is read and
 * nothing is sent: at 200 people on a board, a sixth of the server's time. Here the event loop
 * posts the turn's updates and goes on; the Hub fans them out only once this thread says they are
 * on disk, so "a client saw it, so it is stored" still holds.
 *
 * One commit is in flight at a time (the Hub serializes them), and replies come in order.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { AppendEntry } from './types.js';

export interface CommitThreadData {
  path: string;
  synchronous: 'full' | 'normal';
}

export type CommitRequest = { type: 'append'; id: number; entries: readonly AppendEntry[] } | { type: 'close' };
export type CommitReply = { type: 'ready' } | { type: 'done'; id: number; seqs: number[] } | { type: 'failed'; id: number; error: string };

const CLOSE_TIMEOUT_MS = 10_000;

/** The thread could not be started (or died before it was ready): commit elsewhere. */
export class CommitThreadUnavailable extends Error {}

interface Waiting {
  resolve: (seqs: number[]) => void;
  reject: (err: Error) => void;
}

/**
 * The worker runs TypeScript like the rest of the server: its entry registers tsx (resolved from
 * here, so the server's working directory does not matter) and then imports the worker module.
 */
function workerSource(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./commitWorker.ts', import.meta.url).href;
  // A failure to load is thrown outside the promise, so it ends the thread with an 'error' event.
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })` +
    '.catch((err) => process.nextTick(() => { throw err; }))';
}

export class CommitThread {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  /** Resolves once the worker has opened the database; rejects if it could not. */
  private ready: Promise<void> | null = null;

  constructor(private readonly data: CommitThreadData) {}

  /** Start the worker now rather than on the first append (it takes a few hundred ms). */
  start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(workerSource(), { eval: true, workerData: this.data });
    this.worker = worker;
    worker.unref();
    let started = false;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: CommitReply) => {
        if (reply.type === 'ready') {
          started = true;
          return resolve();
        }
        const w = this.waiting.get(reply.id);
        if (!w) return;
        this.waiting.delete(reply.id);
        if (this.waiting.size === 0) worker.unref();
        if (reply.type === 'done') w.resolve(reply.seqs);
        else w.reject(new Error(reply.error));
      });
      // A thread that dies takes its pending commits with it; the Hub retries them, and the next
      // append starts a new thread.
      const fail = (err: Error) => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.ready = null;
        const failure = started ? err : new CommitThreadUnavailable(err.message);
        reject(failure);
        for (const w of this.waiting.values()) w.reject(failure);
        this.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`commit thread exited with code ${code}`)));
    });
    // Whoever awaits it handles the failure; an unawaited start must not be an unhandled rejection.
    this.ready.catch(() => undefined);
    return this.ready;
  }

  /** Append in one durable commit; resolves with the seq of each entry once on disk. */
  append(entries: readonly AppendEntry[]): Promise<number[]> {
    const ready = this.start();
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise<number[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Posted once the thread is up, in call order (a close() called later is posted after it).
      ready.then(() => {
        // Keep the process alive while a commit is in flight (a shutdown waits for it).
        worker.ref();
        worker.postMessage({ type: 'append', id, entries } satisfies CommitRequest);
      }, (err: unknown) => {
        this.waiting.delete(id);
        reject(err);
      });
    });
  }

  /** Finish the commits already asked for, close the connection and stop the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = once(worker, 'exit');
    worker.ref();
    await this.ready?.then(() => worker.postMessage({ type: 'close' } satisfies CommitRequest), () => undefined);
    // A thread stuck on something (a disk that never answers) must not hold the shutdown forever.
    const stuck = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(stuck);
  }
}
