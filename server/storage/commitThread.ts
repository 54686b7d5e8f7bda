/**
 * Appends to the update log from a worker thread with its own SQLite connection.
 *
 * Each group commit ends in an fsync (synchronous=FULL), and a synchronous driver waits for it on
 * whichever thread commits. On the event loop that wait is time in which no message is read and
 * nothing is sent: at 200 people on a board, a sixth of the server's time. Here the event loop
 * posts the turn's updates and goes on; the Hub fans them out only once this thread says they are
 * on disk, so "a client saw it, so it is stored" still holds.
 *
 * One commit is in flight at a time (the Hub serializes them), and replies come in order. Writes
 * on the other connection wait until no commit is in flight (see `idle`), so they neither block
 * the event loop in SQLite's busy handler nor overtake an append that was asked for first.
 */
import { Worker } from 'node:worker_threads';
import type { AppendEntry } from './types.js';

export interface CommitThreadData {
  path: string;
  synchronous: 'full' | 'normal';
}

export type CommitRequest = { type: 'append'; id: number; entries: readonly AppendEntry[] } | { type: 'close' };
export type CommitReply = { type: 'ready' } | { type: 'done'; id: number; seqs: number[] } | { type: 'failed'; id: number; error: string };

/** The thread could not be started (or died before it was ready): commit elsewhere. */
export class CommitThreadUnavailable extends Error {}

interface Waiting {
  resolve: (seqs: number[]) => void;
  reject: (err: Error) => void;
}

/** A thread that does not stop within this time of being asked (a disk that never answers) is terminated. */
const CLOSE_TIMEOUT_MS = 10_000;

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
  private started = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly data: CommitThreadData) {}

  /** Whether a commit is in flight. */
  get busy(): boolean {
    return this.waiting.size > 0;
  }

  /** Resolves when no commit is in flight (at once if none is). */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private settled(): void {
    if (this.busy) return;
    this.worker?.unref();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Start the worker now rather than on the first append (it takes a few hundred ms). */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(new CommitThreadUnavailable('commit thread closed'));
    if (this.ready) return this.ready;
    let worker: Worker;
    try {
      worker = new Worker(workerSource(), { eval: true, workerData: this.data });
    } catch (err) {
      return Promise.reject(new CommitThreadUnavailable(err instanceof Error ? err.message : String(err)));
    }
    this.worker = worker;
    this.started = false;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: CommitReply) => {
        if (reply.type === 'ready') {
          this.started = true;
          return resolve();
        }
        const w = this.waiting.get(reply.id);
        if (!w) return;
        this.waiting.delete(reply.id);
        if (reply.type === 'done') w.resolve(reply.seqs);
        else w.reject(new Error(reply.error));
        this.settled();
      });
      // A thread that dies takes its pending commits with it; the Hub retries them, and the next
      // append starts a new thread.
      const fail = (err: Error) => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.ready = null;
        const failure = this.started ? err : new CommitThreadUnavailable(err.message);
        reject(failure);
        for (const w of this.waiting.values()) w.reject(failure);
        this.waiting.clear();
        this.settled();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`commit thread exited with code ${code}`)));
    });
    // After the listeners (a 'message' listener refs the worker again): an idle thread does not
    // keep the process alive; one with a commit in flight does (see append).
    worker.unref();
    // Whoever awaits it handles the failure; an unawaited start must not be an unhandled rejection.
    this.ready.catch(() => undefined);
    return this.ready;
  }

  /** Append in one durable commit; resolves with the seq of each entry once on disk. */
  append(entries: readonly AppendEntry[]): Promise<number[]> {
    const ready = this.start();
    const worker = this.worker;
    if (!worker) return ready.then(() => []); // start() refused: the rejection carries why
    const id = this.nextId++;
    // Keep the process alive while a commit is asked for (a shutdown waits for it).
    worker.ref();
    return new Promise<number[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Posted once the thread is up, in call order (a close() called later is posted after it).
      ready.then(
        () => worker.postMessage({ type: 'append', id, entries } satisfies CommitRequest),
        () => undefined, // fail() has rejected it already
      );
    });
  }

  /**
   * Finish the commits already asked for, close the connection and stop the thread. Appends
   * after this are refused.
   */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const stuck = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
    worker.ref();
    if (!this.started && !this.busy) {
      // Never used: no need to wait for it to finish starting.
      void worker.terminate();
    } else {
      this.ready?.then(() => worker.postMessage({ type: 'close' } satisfies CommitRequest), () => undefined);
    }
    await exited;
    clearTimeout(stuck);
  }
}
