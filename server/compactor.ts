/**
 * Folding a board's log into its snapshot means encoding the whole board, and that grows with
 * the board's history, not with the log: on a board that 200 people have edited for a while it
 * takes 30-100+ ms, during which the event loop would deliver nothing to anyone (on any board).
 * A worker thread does it instead, from the stored snapshot and log rows: the event loop only
 * writes the result. From a SQLite file the thread reads the rows itself (reading 5,000 rows
 * held the event loop ~25 ms); other stores have the event loop read them and send them over.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from './thread.js';
import type { SnapshotFormat } from './storage/snapshot.js';
import type { CompactionSource } from './storage/types.js';

export interface CompactRequest {
  id: number;
  boardId: string;
  /** The stored snapshot, how it is encoded, and the last seq folded into it. */
  snapshot: Uint8Array | null;
  snapshotFormat: SnapshotFormat;
  snapshotSeq: number;
  /** The log rows after the snapshot, up to and including uptoSeq, in order. */
  updates: Uint8Array[];
  uptoSeq: number;
}

/**
 * A compaction as posted: the rows packed end to end into one buffer, with where each ends, both
 * transferred. Cloning thousands of separate rows took the event loop ~40 ms on a busy board.
 */
export type PackedCompactRequest = Omit<CompactRequest, 'updates'> & { rows: Uint8Array; rowEnds: Uint32Array };

/** A compaction whose snapshot and rows the thread reads from `source` itself: those up to uptoSeq. */
export interface StoredCompactRequest {
  boardId: string;
  uptoSeq: number;
  source: CompactionSource;
}

/** What the thread is asked: a compaction, to drop a board's kept document, or which boards it keeps. */
export type CompactorMessage =
  | ({ type: 'compact' } & PackedCompactRequest)
  | ({ type: 'compactStored'; id: number } & StoredCompactRequest)
  | { type: 'forget'; boardId: string }
  | { type: 'kept'; id: number };

/** Pack rows for posting (see PackedCompactRequest). */
export function packRows(updates: readonly Uint8Array[]): { rows: Uint8Array; rowEnds: Uint32Array } {
  const rowEnds = new Uint32Array(updates.length);
  let total = 0;
  updates.forEach((u, i) => (rowEnds[i] = total += u.length));
  const rows = new Uint8Array(total);
  let at = 0;
  for (const u of updates) {
    rows.set(u, at);
    at += u.length;
  }
  return { rows, rowEnds };
}

/** The rows of a packed request, as views into its buffer. */
export function unpackRows(rows: Uint8Array, rowEnds: Uint32Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  for (const end of rowEnds) {
    out.push(rows.subarray(from, end));
    from = end;
  }
  return out;
}

export type CompactReply =
  /** null: nothing to fold (a StoredCompactRequest whose board is gone or already folded that far). */
  | { id: number; ok: true; state: Uint8Array | null }
  | { id: number; ok: true; kept: string[] }
  | { id: number; ok: false; error: string };

/** The thread could not be started (or died): compact on the caller's thread instead. */
export class CompactorUnavailable extends Error {}

interface Waiting {
  resolve: (reply: Extract<CompactReply, { ok: true }>) => void;
  reject: (err: Error) => void;
}

export class Compactor {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private closed = false;

  /**
   * The board's state (Yjs V2) from its snapshot and the log rows after it, encoded off the event
   * loop: from what is sent, or from what the thread reads itself (null: nothing to fold).
   */
  async encode(board: Omit<CompactRequest, 'id'>): Promise<Uint8Array>;
  async encode(board: StoredCompactRequest): Promise<Uint8Array | null>;
  async encode(board: Omit<CompactRequest, 'id'> | StoredCompactRequest): Promise<Uint8Array | null>;
  async encode(board: Omit<CompactRequest, 'id'> | StoredCompactRequest): Promise<Uint8Array | null> {
    let reply;
    if ('source' in board) {
      reply = await this.ask((id) => ({ type: 'compactStored', id, ...board }));
    } else {
      const { updates, ...rest } = board;
      const { rows, rowEnds } = packRows(updates);
      reply = await this.ask((id) => ({ type: 'compact', id, ...rest, rows, rowEnds }), [rows.buffer as ArrayBuffer, rowEnds.buffer as ArrayBuffer]);
    }
    if (!('state' in reply)) throw new Error('compaction thread answered without a state');
    return reply.state;
  }

  /**
   * The thread drops the document it keeps for a board (unloaded or deleted): it would otherwise
   * hold it until newer compactions push it out.
   */
  forget(boardId: string): void {
    this.worker?.postMessage({ type: 'forget', boardId } satisfies CompactorMessage);
  }

  /** The boards whose documents the thread keeps (for tests and diagnostics). */
  async keptBoards(): Promise<string[]> {
    if (!this.worker) return [];
    const reply = await this.ask((id) => ({ type: 'kept', id }));
    return 'kept' in reply ? reply.kept : [];
  }

  private ask(message: (id: number) => CompactorMessage, transfer: ArrayBuffer[] = []): Promise<Extract<CompactReply, { ok: true }>> {
    if (this.closed) return Promise.reject(new CompactorUnavailable('compactor closed'));
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (err) {
      return Promise.reject(new CompactorUnavailable(err instanceof Error ? err.message : String(err)));
    }
    const id = this.nextId++;
    // A request keeps the process alive until it is answered (see settled).
    worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage(message(id), transfer);
    });
  }

  private start(): Worker {
    const worker = startTsWorker(new URL('./compactWorker.ts', import.meta.url));
    this.worker = worker;
    worker.on('message', (reply: CompactReply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      if (reply.ok) w.resolve(reply);
      else w.reject(new Error(reply.error));
      this.settled();
    });
    // A thread that dies takes its requests with it: they fail (their logs stay as they are), and
    // the next request starts a new thread.
    const fail = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const w of this.waiting.values()) w.reject(new CompactorUnavailable(err.message));
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`compaction thread exited with code ${code}`)));
    return worker;
  }

  /** An idle thread does not keep the process alive. */
  private settled(): void {
    if (this.waiting.size === 0) this.worker?.unref();
  }

  /** Stop the thread; requests in flight fail (their logs stay as they are). */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    for (const w of this.waiting.values()) w.reject(new CompactorUnavailable('compactor closed'));
    this.waiting.clear();
    if (worker) await worker.terminate();
  }
}
