/**
 * The rooms of one server process: load-or-refuse on connect, one group commit and one
 * fan-out per event-loop turn, compaction, and unload when a board has been empty a while.
 *
 * Ordering invariant: an update is committed (a crash of this process keeps it) before any other
 * client receives it, and a client is told its updates are saved only once that commit is on disk
 * (a power loss keeps it too). The disk sync runs off the event loop (see SqliteStore.syncWal),
 * so fan-out does not wait for the disk. After a power loss, clients may hold others' changes the
 * server lost; resyncing, a client sends them again where the rules let it make them, or is
 * refused and starts over from the server's state (client/sync/replayUnsent.ts).
 */
import { performance as nodePerformance } from 'node:perf_hooks';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { BoardId } from '../shared/ids.js';
import { migrate } from '../shared/migrations.js';
import { LOAD_ORIGIN } from '../shared/origins.js';
import { encodeSaved } from '../shared/protocol.js';
import { Compactor, CompactorUnavailable } from './compactor.js';
import { awarenessMessage, type Conn, updateMessage } from './connection.js';
import { SharedMessage } from './frame.js';
import type { Logger } from './log.js';
import { closeRefused, Room } from './room.js';
import { applySnapshot } from './storage/snapshot.js';
import type { AppendEntry, BoardStore } from './storage/types.js';

export interface HubOptions {
  /** How long a board with no connections stays loaded (reconnects after a blip find it warm). */
  roomIdleMs: number;
  /**
   * Log rows after which a board's log is folded into its snapshot, once the board has been quiet
   * for `compactQuietMs`. Folding encodes the whole board (on the compaction thread, but it costs
   * CPU and reads every row), so a busy board is folded only once its log is COMPACT_BUSY_FACTOR
   * times longer.
   */
  compactEvery: number;
  compactQuietMs: number;
  /**
   * Shortest time between two commits. An idle board's first change goes out at the end of its
   * turn; under load, changes that arrive within this window share one commit and one write per
   * socket instead of one each (both costs grow with the number of flushes, not of messages).
   */
  flushIntervalMs: number;
  /**
   * The window grows toward this while the event loop is busy (see flushWindowMs): under load a
   * flush's fixed costs (a commit and its fsync, one write per socket, acknowledgements) are
   * much of the work, and sharing them among more changes leaves more time for the changes. An
   * idle server keeps the short window. Equal to flushIntervalMs: a fixed window.
   */
  busyFlushIntervalMs: number;
  /**
   * Shortest time between a flush and the next one when that only carries presence (cursors,
   * who is here). Presence changes far more often than the board, and nobody sees a cursor
   * 16 ms late; holding it for a frame's time turns many small writes per socket into one (50
   * people moving their cursors 10 times a second: a third less server CPU). A board change
   * cuts the wait short.
   */
  presenceIntervalMs: number;
  /**
   * How long a board's document stays live after its last use while people stay connected (an
   * idle board keeps only its encoded state; see Room). 0 keeps documents live.
   */
  docIdleMs: number;
  /**
   * At shutdown, how long compactions under way may take to finish before they are stopped (their
   * rows stay; the shutdown's own compaction folds them). Service managers kill a server that
   * takes too long to stop (Docker after 10 s), and a kill loses what was not stored yet.
   */
  shutdownCompactionWaitMs: number;
}

export const DEFAULT_HUB_OPTIONS: HubOptions = { roomIdleMs: 5_000, compactEvery: 500, compactQuietMs: 1_000, flushIntervalMs: 3, busyFlushIntervalMs: 12, presenceIntervalMs: 16, docIdleMs: 5_000, shutdownCompactionWaitMs: 5_000 };
/** Event-loop utilization at which the flush window starts to grow, and at which it is longest. */
export const FLUSH_BUSY_FROM = 0.7;
export const FLUSH_BUSY_AT = 0.95;
/** How often the event loop's utilization is read for the flush window, ms. */
const LOAD_SAMPLE_MS = 100;

/**
 * The flush window for an event loop busy `load` of the time (0..1): the short window up to
 * FLUSH_BUSY_FROM, the busy one from FLUSH_BUSY_AT, in proportion between. It is read from the
 * loop's utilization, not from the rate of changes, so that it cannot feed itself: a longer
 * window lowers the load that lengthened it, and the window settles where the two balance.
 */
export function flushWindowMs(load: number, opts: Pick<HubOptions, 'flushIntervalMs' | 'busyFlushIntervalMs'>): number {
  if (!(load > FLUSH_BUSY_FROM)) return opts.flushIntervalMs; // (also no reading yet: NaN)
  const busy = Math.min(1, Math.max(0, (load - FLUSH_BUSY_FROM) / (FLUSH_BUSY_AT - FLUSH_BUSY_FROM)));
  return opts.flushIntervalMs + busy * Math.max(0, opts.busyFlushIntervalMs - opts.flushIntervalMs);
}

/** A board whose log is this many times `compactEvery` is compacted even while busy. */
export const COMPACT_BUSY_FACTOR = 10;
/** A batch without changes claims no client ids (one shared array, not one per board per flush). */
const NO_OWNERS: ReadonlyArray<[number, string]> = Object.freeze([]);
/** Wait before retrying a commit that failed (disk full, database busy). */
const COMMIT_RETRY_MS = 1_000;

/** One room's share of a turn: its merged update (if any), who wrote it, and the acknowledgements owed. */
interface Batch {
  room: Room;
  update: Uint8Array | null;
  /** Client ids first written under in `update` (stored with it). */
  owners: ReadonlyArray<[number, string]>;
  origins: Set<Conn | null>;
  acks: Map<Conn, number>;
}

/** Tell each connection how many of its messages are saved (a count: it covers every earlier one). */
function sendAcks(acks: ReadonlyMap<Conn, number>): void {
  for (const [c, n] of acks) {
    if (n > c.acked) {
      c.acked = n;
      c.send(encodeSaved(n));
    }
  }
}

export type LoadResult =
  | { ok: true; room: Room }
  | { ok: false; reason: 'not-found' | 'too-new' | 'unavailable'; detail?: string };

export class Hub {
  readonly rooms = new Map<BoardId, Room>();
  private readonly loading = new Map<BoardId, Promise<LoadResult>>();
  private readonly dirty = new Set<Room>();
  /** The pending flush (a timer, or an immediate for the end of this turn) and when it runs. */
  private flushTimer: { cancel(): void } | null = null;
  private flushAt = Infinity;
  private lastFlushAt = -Infinity;
  /** The event loop's utilization over the last LOAD_SAMPLE_MS or more, and where that began. */
  private loopLoad = 0;
  private loopMark = nodePerformance.eventLoopUtilization();
  private loopMarkAt = performance.now();
  /** Serializes commits (and unloads) so turns are stored and delivered in order. */
  private chain: Promise<void> = Promise.resolve();
  /** The last acknowledgements waiting for their commits to reach the disk (see ackWhenDurable). */
  private ackTail: Promise<void> | null = null;
  private syncFailed = false;
  private closed = false;
  /** Set while a flush applies queued updates: the rooms are being flushed already. */
  private settling = false;
  /**
   * Called when a client's queued update is refused (policy, gap); it must close the socket.
   * Set by the app to log and count refusals; without it the socket is just closed (closeRefused).
   */
  onRefused: ((conn: Conn, err: unknown) => void) | null = null;

  private readonly sweeper: NodeJS.Timeout | null;
  /** Encodes boards for compaction off the event loop. */
  private readonly compactor: Compactor;
  /**
   * Compactions under way, by board: of loaded boards and of boards unloaded since (a board
   * loaded again must not compact from its document while the earlier one can still write).
   */
  private readonly compactions = new Map<BoardId, Promise<void>>();

  constructor(
    readonly store: BoardStore,
    private readonly log: Logger,
    private readonly opts: HubOptions = DEFAULT_HUB_OPTIONS,
    compactor: Compactor = new Compactor(),
  ) {
    this.compactor = compactor;
    const period = Math.max(50, Math.min(opts.docIdleMs > 0 ? opts.docIdleMs / 4 : Infinity, opts.compactQuietMs / 2));
    this.sweeper = setInterval(() => this.sweep(), period);
    this.sweeper.unref();
  }

  /**
   * Housekeeping between turns: fold the logs of boards that went quiet, and keep only the
   * encoded state of boards whose document nobody has used for a while.
   */
  private sweep(): void {
    const now = performance.now();
    for (const room of this.rooms.values()) {
      if (room.logLength >= this.opts.compactEvery && room.lastChangeAt < now - this.opts.compactQuietMs) this.compactSoon(room);
      if (this.opts.docIdleMs > 0 && room.isLive && room.lastDocUse < now - this.opts.docIdleMs && !this.dirty.has(room)) room.putAway();
    }
  }

  /** The loaded room for a board, loading it from storage if needed. */
  open(id: BoardId): Promise<LoadResult> {
    const room = this.rooms.get(id);
    if (room) return Promise.resolve({ ok: true, room });
    let p = this.loading.get(id);
    if (!p) {
      p = this.load(id).finally(() => this.loading.delete(id));
      this.loading.set(id, p);
    }
    return p;
  }

  private async load(id: BoardId): Promise<LoadResult> {
    let stored;
    try {
      stored = await this.store.load(id);
    } catch (err) {
      this.log.error(`board ${id}: storage error while loading`, err);
      return { ok: false, reason: 'unavailable' };
    }
    if (!stored) return { ok: false, reason: 'not-found' };
    const room = new Room(id, stored.record);
    for (const [client, owner] of stored.clientOwners) room.clientOwners.set(client, owner);
    const doc = room.doc;
    if (stored.snapshot) {
      try {
        applySnapshot(doc, stored.snapshot, stored.snapshotFormat, LOAD_ORIGIN);
      } catch (err) {
        this.log.error(`board ${id}: snapshot is corrupt; refusing to load it`, err);
        room.destroy();
        return { ok: false, reason: 'unavailable', detail: 'stored snapshot is corrupt' };
      }
    }
    for (const u of stored.updates) {
      try {
        Y.applyUpdate(doc, u.data, LOAD_ORIGIN);
      } catch (err) {
        // One bad row must not cost the whole board: set it aside, keep the rest.
        this.log.error(`board ${id}: stored update seq ${u.seq} is corrupt; quarantined`, err);
        await this.store.quarantine(id, u.seq, String(err)).catch(() => undefined);
      }
      room.lastSeq = u.seq;
    }
    room.logLength = stored.updates.length;
    const migrated = migrate(doc);
    if (!migrated.ok) {
      room.destroy();
      return { ok: false, reason: 'too-new', detail: `board schema ${migrated.version}` };
    }
    // Loading replays stored updates through the doc: they are already stored, so start clean.
    room.pending = migrated.applied.length > 0 ? [Y.encodeStateAsUpdate(doc)] : [];
    room.pendingOrigins.clear();
    room.onDirty = (r, board) => this.markDirty(r, board);
    room.onRefused = (conn, err) => (this.onRefused ?? closeRefused)(conn, err);
    if (room.pending.length > 0) this.markDirty(room, true);
    if (this.closed) {
      room.destroy();
      return { ok: false, reason: 'unavailable' };
    }
    this.rooms.set(id, room);
    return { ok: true, room };
  }

  attach(conn: Conn): void {
    const room = conn.room;
    if (room.unloadTimer) {
      clearTimeout(room.unloadTimer);
      room.unloadTimer = null;
    }
    room.conns.add(conn);
  }

  detach(conn: Conn): void {
    const room = conn.room;
    if (!room.conns.delete(conn)) return;
    room.ackConns.delete(conn);
    if (conn.awarenessIds.size > 0) {
      const ids = [...conn.awarenessIds];
      awarenessProtocol.removeAwarenessStates(room.awareness, ids, null);
    }
    this.touch(room);
  }

  /** Note that a room was used; one without connections unloads after the idle delay. */
  touch(room: Room): void {
    if (room.conns.size === 0 && !room.unloadTimer && !this.closed) {
      room.unloadTimer = setTimeout(() => {
        room.unloadTimer = null;
        this.chain = this.chain.then(() => this.unload(room)).catch((err: unknown) => this.log.error(`board ${room.id}: unload failed`, err));
      }, this.opts.roomIdleMs);
    }
  }

  /** `room` has something to send; `board` when it is a change or an acknowledgement, not only presence. */
  private markDirty(room: Room, board: boolean): void {
    this.dirty.add(room);
    if (this.settling) return;
    const now = performance.now();
    const at = Math.max(now, this.lastFlushAt + (board ? this.flushWindow(now) : this.opts.presenceIntervalMs));
    if (this.flushTimer) {
      if (this.flushAt <= at) return;
      this.flushTimer.cancel();
    }
    this.flushAt = at;
    if (at <= now) {
      const immediate = setImmediate(this.runFlush);
      this.flushTimer = { cancel: () => clearImmediate(immediate) };
    } else {
      const timer = setTimeout(this.runFlush, at - now);
      this.flushTimer = { cancel: () => clearTimeout(timer) };
    }
  }

  /** The current flush window (see flushWindowMs), from the loop's recent utilization. */
  flushWindow(now = performance.now()): number {
    if (now - this.loopMarkAt >= LOAD_SAMPLE_MS) {
      const mark = nodePerformance.eventLoopUtilization();
      this.loopLoad = nodePerformance.eventLoopUtilization(mark, this.loopMark).utilization;
      this.loopMark = mark;
      this.loopMarkAt = now;
    }
    return flushWindowMs(this.loopLoad, this.opts);
  }

  private readonly runFlush = (): void => {
    this.flushTimer = null;
    this.flushAt = Infinity;
    this.lastFlushAt = performance.now();
    this.chain = this.chain.then(() => this.flush()).catch((err: unknown) => this.log.error('flush failed', err));
  };

  /** Resolves once everything received so far is stored, delivered and acknowledged. */
  async drain(): Promise<void> {
    for (;;) {
      // Whatever waits for its window (presence: up to 16 ms) goes now.
      if (this.flushTimer) {
        this.flushTimer.cancel();
        this.runFlush();
      }
      await this.chain;
      if (this.ackTail) await this.ackTail;
      if (!this.flushTimer && this.dirty.size === 0 && !this.ackTail) return;
      await new Promise((r) => setImmediate(r));
    }
  }

  private async flush(): Promise<void> {
    // Client updates received since the last flush, applied one transaction per board.
    this.settling = true;
    try {
      for (const room of this.dirty) room.settle();
    } finally {
      this.settling = false;
    }
    const rooms = [...this.dirty];
    this.dirty.clear();
    const batches: Batch[] = [];
    const entries: AppendEntry[] = [];
    for (const room of rooms) {
      // Counts are taken now: messages arriving while this commit is in flight belong to the next one.
      const acks = new Map<Conn, number>();
      for (const c of room.ackConns) acks.set(c, c.received);
      room.ackConns.clear();
      let update: Uint8Array | null = null;
      let owners: ReadonlyArray<[number, string]> = NO_OWNERS;
      if (room.pending.length > 0) {
        update = room.pending.length === 1 ? room.pending[0]! : Y.mergeUpdates(room.pending);
        owners = room.clientOwners.unsaved.splice(0);
        entries.push({ boardId: room.id, data: update, owners });
      }
      batches.push({ room, update, owners, origins: room.pendingOrigins, acks });
      room.pending = [];
      room.pendingOrigins = new Set();
    }

    let seqs: number[];
    let durable: Promise<void> | null = null;
    try {
      if (this.store.commit) ({ seqs, durable } = this.store.commit(entries));
      else seqs = await this.store.append(entries);
    } catch (err) {
      this.log.error(`commit of ${entries.length} updates failed; retrying`, err);
      this.requeue(batches);
      setTimeout(() => {
        if (!this.closed) batches.forEach((b) => this.markDirty(b.room, true));
      }, COMMIT_RETRY_MS);
      return;
    }

    // Acknowledgements wait for this commit's sync, and for earlier ones still running: a count
    // acknowledges every earlier message too.
    const deferAcks = durable !== null || this.ackTail !== null;
    // Registered before the fan-out: whatever happens there, these acknowledgements keep their place.
    if (deferAcks) this.ackWhenDurable(durable, batches);
    let i = 0;
    const corked = new Set<Conn>();
    try {
      for (const b of batches) {
        const { room } = b;
        for (const c of room.conns) {
          c.cork();
          corked.add(c);
        }
        if (b.update) {
          room.lastSeq = seqs[i++]!;
          room.logLength++;
          room.lastChangeAt = performance.now();
          const msg = new SharedMessage(updateMessage(b.update));
          // With one writer this turn, skip echoing its own update back; with several, one shared
          // message to everyone is cheaper than a merge per recipient (Yjs ignores known structs).
          const only = b.origins.size === 1 ? [...b.origins][0] : null;
          for (const c of room.conns) if (c !== only) c.sendShared(msg);
        }
        if (room.awarenessChanged.size > 0) {
          const changed = [...room.awarenessChanged];
          room.awarenessChanged.clear();
          // One message for everyone, except owners that must not get some of their own ids back.
          const filtered = new Set<Conn>();
          for (const id of changed) {
            const owner = room.awarenessOwners.get(id);
            if (owner?.hidesOwn(id)) filtered.add(owner);
          }
          let shared: SharedMessage | null = null;
          for (const c of room.conns) {
            if (!filtered.has(c)) {
              c.sendShared(shared ??= new SharedMessage(awarenessMessage(room.awareness, changed)));
              continue;
            }
            const ids = changed.filter((id) => !c.hidesOwn(id));
            if (ids.length > 0) c.send(awarenessMessage(room.awareness, ids));
          }
        }
        if (!deferAcks) sendAcks(b.acks);
      }
    } finally {
      // Never leave a socket corked: its later writes would never leave.
      for (const c of corked) c.uncork();
    }
    // After the writes have left. A board that stays busy is compacted here; others when quiet (sweep).
    for (const b of batches) if (b.room.logLength >= this.opts.compactEvery * COMPACT_BUSY_FACTOR) this.compactSoon(b.room);
  }

  /**
   * Acknowledge a flush's messages once its commit is on disk and every earlier acknowledgement is
   * sent. After a failed sync nothing is acknowledged any more: what the disk said it wrote can
   * no longer be trusted (an fsync error may have dropped pages it will not report again).
   */
  private ackWhenDurable(durable: Promise<void> | null, batches: readonly Batch[]): void {
    const before = this.ackTail;
    const wait = before && durable ? Promise.all([before, durable]) : (durable ?? before!);
    const acked: Promise<void> = wait.then(
      () => {
        if (this.syncFailed) return;
        try {
          batches.forEach((b) => sendAcks(b.acks));
        } catch (err) {
          // (Not a failed sync: the chain goes on.)
          this.log.error('sending save acknowledgements failed', err);
        }
      },
      (err: unknown) => {
        if (this.syncFailed) return;
        this.syncFailed = true;
        this.log.error('syncing commits to disk failed; changes are no longer acknowledged as saved until the server restarts (clients keep them)', err);
      },
    );
    this.ackTail = acked;
    void acked.then(() => {
      if (this.ackTail === acked) this.ackTail = null;
    });
  }

  /** Put a failed batch back in front of anything that arrived since, so order is kept. */
  private requeue(batches: Batch[]): void {
    for (const b of batches) {
      if (b.update) b.room.pending.unshift(b.update);
      b.room.clientOwners.unsaved.unshift(...b.owners);
      for (const o of b.origins) b.room.pendingOrigins.add(o);
      for (const c of b.acks.keys()) b.room.ackConns.add(c);
    }
  }

  /**
   * Fold a board's log into its snapshot in the background (unless that is under way): the board
   * is encoded on the compaction thread from what is stored, so the event loop goes on meanwhile.
   */
  private compactSoon(room: Room): void {
    if (this.compactions.has(room.id) || this.closed) return;
    const done: Promise<void> = this.compactStored(room)
      .catch((err: unknown) => this.log.error(`board ${room.id}: compaction failed (log kept)`, err))
      .finally(() => {
        if (this.compactions.get(room.id) === done) this.compactions.delete(room.id);
        this.forgetIfUnloaded(room.id);
      });
    this.compactions.set(room.id, done);
  }

  /** Snapshot = stored snapshot + the log rows committed so far, encoded off the event loop. */
  private async compactStored(room: Room): Promise<void> {
    const uptoSeq = room.lastSeq;
    const folded = room.logLength;
    if (folded === 0) return;
    const source = this.store.compactionSource;
    let request: Parameters<Compactor['encode']>[0];
    if (source) {
      // The thread reads what it folds itself: reading thousands of rows here held every board.
      request = { boardId: room.id, uptoSeq, source };
    } else {
      const stored = await this.store.load(room.id);
      if (!stored) return;
      const updates = stored.updates.filter((u) => u.seq <= uptoSeq).map((u) => u.data);
      request = { boardId: room.id, snapshot: stored.snapshot, snapshotFormat: stored.snapshotFormat, snapshotSeq: stored.snapshotSeq, updates, uptoSeq };
    }
    let state: Uint8Array | null;
    try {
      state = await this.compactor.encode(request);
    } catch (err) {
      if (this.closed || this.rooms.get(room.id) !== room) throw err;
      // No thread, or it could not build the board from what is stored (a row it cannot apply):
      // encode here from the document, which has every row up to lastSeq.
      const why = err instanceof CompactorUnavailable ? 'compaction thread unavailable' : 'compaction thread failed';
      this.log.warn(`board ${room.id}: ${why} (${err instanceof Error ? err.message : String(err)}); compacting on the event loop`);
      return this.compactHere(room);
    }
    // The store only moves a snapshot forward: a compaction that finished after a newer one is dropped.
    // (No state: the board is gone, or a compaction of its own already folded that far.)
    if (state) await this.store.compact(room.id, state, uptoSeq);
    room.logLength = Math.max(0, room.logLength - folded);
  }

  /**
   * Compact on this thread from the board's document, which also holds changes whose commit
   * failed (they wait for a retry): for shutdown, and for unloading such a board.
   */
  private async compactHere(room: Room): Promise<void> {
    try {
      // Claims of changes whose commit failed are in the snapshot's changes, not in any row.
      const owners = room.clientOwners.unsaved.slice();
      await this.store.compact(room.id, room.encodeStateV2(), room.lastSeq, owners);
      room.clientOwners.unsaved.splice(0, owners.length);
      room.logLength = 0;
    } catch (err) {
      this.log.error(`board ${room.id}: compaction failed (log kept)`, err);
    }
  }

  private async unload(room: Room): Promise<void> {
    if (room.conns.size > 0 || this.rooms.get(room.id) !== room) return;
    await this.flush();
    if (room.conns.size > 0) return;
    if (room.pending.length > 0) {
      // Its last commit failed: only the document has those changes. Not while another
      // compaction could write an older state after this one.
      await this.compactions.get(room.id);
      if (room.conns.size > 0 || this.rooms.get(room.id) !== room) return;
      await this.compactHere(room);
    } else if (room.logLength > 0) {
      this.compactSoon(room); // finishes after the board is unloaded
    }
    this.rooms.delete(room.id);
    room.destroy();
    this.forgetIfUnloaded(room.id);
  }

  /** The compaction thread need not keep the document of a board that is not loaded (any more). */
  private forgetIfUnloaded(id: BoardId): void {
    if (!this.rooms.has(id) && !this.compactions.has(id)) this.compactor.forget(id);
  }

  /** Unload a board at once (e.g. before deleting it), closing its sockets. */
  async evict(id: BoardId, closeConn: (c: Conn) => void): Promise<void> {
    const room = this.rooms.get(id);
    if (room) {
      for (const c of [...room.conns]) closeConn(c);
      this.rooms.delete(id);
      this.dirty.delete(room);
      room.destroy();
    }
    // A compaction finishing after the board is deleted (and perhaps recreated) would write into it.
    await this.compactions.get(id);
    this.forgetIfUnloaded(id);
  }

  /**
   * Delete a board for good: its sockets are closed (`closeConn`), its room dropped, and
   * everything stored for it removed. A commit or compaction of it still under way finishes
   * first (it would write rows after the deletion otherwise), and a load that raced with the
   * deletion is dropped too.
   */
  async destroy(id: BoardId, closeConn: (c: Conn) => void): Promise<void> {
    await this.evict(id, closeConn);
    await this.chain;
    await this.store.delete(id);
    const racing = this.loading.get(id);
    if (racing) {
      await racing;
      await this.evict(id, closeConn);
    }
  }

  /** Store everything pending, compact every board, and stop. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.drain();
    // Background compactions finish first: one writing after the snapshots below would undo them.
    // One that takes too long is stopped: closing the thread fails what it still works on.
    const background = Promise.all([...this.compactions.values()]);
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      background.then(() => false),
      new Promise<boolean>((res) => (timer = setTimeout(res, this.opts.shutdownCompactionWaitMs, true))),
    ]);
    clearTimeout(timer);
    if (late) this.log.warn(`shutdown: stopping ${this.compactions.size} compaction(s) still running after ${this.opts.shutdownCompactionWaitMs} ms (their rows stay)`);
    await this.compactor.close();
    await background;
    for (const room of [...this.rooms.values()]) {
      // Changes whose commit failed (and wait for its retry) are in the document: the snapshot keeps them.
      if (room.logLength > 0 || room.pending.length > 0) await this.compactHere(room);
      room.destroy();
    }
    this.rooms.clear();
  }
}
