/**
 * A loaded board: its document, its awareness, its connections, and what changed during the
 * current event-loop turn (persisted, then fanned out, once per turn by the Hub).
 *
 * The document is live (a Y.Doc) only while someone uses it. A board nobody has changed for a
 * while keeps just its encoded state (several times smaller than the Y.Doc): joiners are served
 * from it, and the first change or command makes it live again. Presence lives on its own, so
 * cursors and the people list never need the document.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { deflateRaw } from 'node:zlib';
import type { BoardId } from '../shared/ids.js';
import { selectAnonymous } from '../shared/meta.js';
import { getMeta } from '../shared/schema.js';
import { LOAD_ORIGIN } from '../shared/origins.js';
import { CLOSE, MSG_SYNC_DEFLATED } from '../shared/protocol.js';
import type { BoardRecord } from './storage/types.js';
import { applyDecodedUpdate, ClientOwners, ProtocolError, SERVER_WRITER, syncStep2Message, type Conn } from './connection.js';
import type { DecodedUpdate } from './updates.js';

/** The origin of a transaction that applied several clients' updates at once. */
export class ClientBatch {
  /** Connections whose updates were applied (refused ones are not). */
  readonly conns = new Set<Conn>();
}

interface QueuedUpdate {
  conn: Conn;
  update: Uint8Array;
  decoded: DecodedUpdate;
}

export class Room {
  /** Presence is keyed by client ids and needs no document of the board's. */
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  readonly conns = new Set<Conn>();
  /** Which connection speaks for each awareness client id. */
  readonly awarenessOwners = new Map<number, Conn>();
  /** Every presence alias handed out on this board (anonymous mode), so echoes of them are recognized. */
  readonly issuedAliases = new Set<number>();
  /** Identity (token id) that last owned each departed awareness id, so only it can take it back. */
  readonly formerAwarenessOwner = new Map<number, string>();

  /** Who writes under each Yjs client id of this board (see applyDecodedUpdate). */
  readonly clientOwners = new ClientOwners();
  /** Client updates received and not applied yet: the next flush applies them together (settle). */
  private queued: QueuedUpdate[] = [];
  /** Document updates of this turn, in order; persisted and broadcast together. */
  pending: Uint8Array[] = [];
  /** Connections whose messages produced `pending` (null = the server itself). */
  pendingOrigins = new Set<Conn | null>();
  /** Awareness client ids changed this turn. */
  awarenessChanged = new Set<number>();
  /** Connections owed a MSG_SAVED once this turn's commit is durable. */
  ackConns = new Set<Conn>();
  /** Anonymous mode, kept current from the document so presence never needs it live. */
  anonymous = false;

  /** Highest stored seq for this board and the number of log rows since the last snapshot. */
  lastSeq = 0;
  logLength = 0;
  /** When an update of this board was last committed (performance.now()); quiet boards get compacted. */
  lastChangeAt = performance.now();
  unloadTimer: NodeJS.Timeout | null = null;
  /** When the live document was last asked for (performance.now()). */
  lastDocUse = performance.now();

  private live: Y.Doc | null;
  /** The whole document as a sync step 2 message, cached per version (see fullSyncMessage). */
  private fullState: Uint8Array | null = null;
  /** While the document is not live: its encoded state (a view into fullState) and state vector. */
  private state: Uint8Array | null = null;
  private stateVector: Uint8Array | null = null;
  /** The whole board as MSG_SYNC_DEFLATED, cached per version like fullState. */
  private deflated: Promise<Uint8Array> | null = null;

  constructor(readonly id: BoardId, readonly record: BoardRecord) {
    // The server is not a participant: it must not appear in anyone's presence list.
    this.awareness.setLocalState(null);
    this.live = this.observe(new Y.Doc({ gc: true }));
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const conn = isConn(origin) ? origin : null;
      for (const id of [...added, ...updated]) {
        this.awarenessChanged.add(id);
        if (conn) {
          conn.awarenessIds.add(id);
          this.awarenessOwners.set(id, conn);
        }
      }
      for (const id of removed) {
        this.awarenessChanged.add(id);
        const owner = this.awarenessOwners.get(id);
        if (owner) {
          owner.awarenessIds.delete(id);
          this.formerAwarenessOwner.set(id, owner.claims.id);
        }
        this.awarenessOwners.delete(id);
      }
      this.onDirty?.(this, false);
    });
  }

  /** Set by the Hub: called whenever something must be sent; `board` is false for presence only. */
  onDirty: ((room: Room, board: boolean) => void) | null = null;
  /** Set by the Hub: a queued update was refused (the default closes its socket with the reason). */
  onRefused: (conn: Conn, err: unknown) => void = closeRefused;

  /** Queue a client's decoded update; the next flush applies it (see settle). */
  queueUpdate(conn: Conn, update: Uint8Array, decoded: DecodedUpdate): void {
    this.queued.push({ conn, update, decoded });
  }

  /**
   * Apply the queued client updates, in the order received, in one Yjs transaction: each is
   * checked against the document as the ones before it left it, and refused ones are left out.
   * One transaction for many updates, because Yjs's cost per transaction (state vectors over
   * every client id the board has seen, and encoding the change for listeners) grows with the
   * board's history, and under load dwarfs the cost of the updates themselves.
   */
  settle(): void {
    if (this.queued.length === 0) return;
    const queued = this.queued;
    this.queued = [];
    const batch = new ClientBatch();
    const refused = new Set<Conn>();
    Y.transact(this.liveDoc(), (tr) => {
      for (const q of queued) {
        // After a refusal its sender's later updates are dropped, as its later messages are.
        if (refused.has(q.conn)) continue;
        try {
          applyDecodedUpdate(tr.doc, q.update, q.decoded, q.conn.actor, this.clientOwners);
          batch.conns.add(q.conn);
        } catch (err) {
          refused.add(q.conn);
          try {
            this.onRefused(q.conn, err);
          } catch {
            q.conn.close(CLOSE.MALFORMED, 'document update could not be applied');
          }
        }
      }
    }, batch, false);
  }

  /**
   * The live document, made live again from the encoded state if it was put away. Callers use it
   * within their turn (or a short await): the Hub puts away only documents unused for seconds.
   */
  get doc(): Y.Doc {
    // Whoever reads or changes the board sees every update received before it.
    this.settle();
    return this.liveDoc();
  }

  private liveDoc(): Y.Doc {
    this.lastDocUse = performance.now();
    if (!this.live) {
      const doc = new Y.Doc({ gc: true });
      Y.applyUpdate(doc, this.state!, LOAD_ORIGIN);
      this.state = null;
      this.stateVector = null;
      this.live = this.observe(doc);
    }
    return this.live;
  }

  get isLive(): boolean {
    return this.live !== null;
  }

  /**
   * Put the live document away, keeping its encoded state; false when it has changes not yet
   * flushed. The next use of `doc` makes it live again.
   */
  putAway(): boolean {
    if (!this.live || this.pending.length > 0 || this.queued.length > 0) return false;
    this.state = stateOf(this.fullSyncMessage()); // a view: one copy of the board, not two
    this.stateVector = Y.encodeStateVectorFromUpdate(this.state);
    this.live.destroy();
    this.live = null;
    return true;
  }

  /** The board's state vector, without making the document live. */
  encodeStateVector(): Uint8Array {
    return this.live ? Y.encodeStateVector(this.live) : this.stateVector!;
  }

  /** Everything the holder of `stateVector` is missing (all of it when omitted), without making the document live. */
  encodeState(stateVector?: Uint8Array): Uint8Array {
    if (this.live) return Y.encodeStateAsUpdate(this.live, stateVector);
    return stateVector ? Y.diffUpdate(this.state!, stateVector) : this.state!;
  }

  /** The whole document in Yjs's V2 encoding (how compaction stores it; see storage/snapshot.ts). */
  encodeStateV2(): Uint8Array {
    return this.live ? Y.encodeStateAsUpdateV2(this.live) : Y.convertUpdateFormatV1ToV2(this.state!);
  }

  /**
   * The sync step 2 message carrying the whole document, encoded once per document version and
   * reused for every client that joins with an empty state vector (most joiners): a cohort of
   * 100 joining at once costs one encode and no copy, not 100.
   */
  fullSyncMessage(): Uint8Array {
    this.fullState ??= syncStep2Message(this.encodeState());
    return this.fullState;
  }

  /** Whether the whole board is large enough for compression to be worth a detour. */
  deflatable(): boolean {
    return this.fullSyncMessage().length >= DEFLATE_MIN_BYTES;
  }

  /**
   * The whole board as MSG_SYNC_DEFLATED, compressed once per document version on the zlib
   * thread pool (a 10,000-note board: ~3.4 MB to ~0.6 MB in ~12 ms), shared by every joiner.
   */
  deflatedSyncMessage(): Promise<Uint8Array> {
    if (!this.deflated) {
      const state = stateOf(this.fullSyncMessage());
      const message = new Promise<Uint8Array>((resolve, reject) => {
        deflateRaw(state, { level: 1 }, (err, out) => {
          if (err) return reject(err);
          const e = encoding.createEncoder();
          encoding.writeVarUint(e, MSG_SYNC_DEFLATED);
          encoding.writeVarUint8Array(e, out);
          resolve(encoding.toUint8Array(e));
        });
      });
      this.deflated = message;
      // A failure is handled by the caller (it sends the uncompressed state); do not cache it.
      message.catch(() => {
        if (this.deflated === message) this.deflated = null;
      });
    }
    return this.deflated;
  }

  destroy(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.queued = [];
    this.onDirty = null;
    this.awareness.destroy();
    this.live?.destroy();
  }

  private observe(doc: Y.Doc): Y.Doc {
    this.clientOwners.set(doc.clientID, SERVER_WRITER);
    this.anonymous = selectAnonymous(doc);
    getMeta(doc).observe(() => {
      this.anonymous = selectAnonymous(doc);
    });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullState = null;
      this.deflated = null;
      this.pending.push(update);
      if (origin instanceof ClientBatch) for (const c of origin.conns) this.pendingOrigins.add(c);
      else this.pendingOrigins.add(isConn(origin) ? origin : null);
      this.onDirty?.(this, true);
    });
    return doc;
  }
}

/** Boards smaller than this go uncompressed: compressing would save less than it costs. */
const DEFLATE_MIN_BYTES = 16 * 1024;

/** The update inside a sync step 2 message (a view, not a copy). */
function stateOf(syncStep2: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(syncStep2);
  decoding.readVarUint(d);
  decoding.readVarUint(d);
  return decoding.readVarUint8Array(d);
}

interface AwarenessChange { added: number[]; updated: number[]; removed: number[] }

/** Close the socket whose queued update was refused, with the refusal's code and reason. */
export function closeRefused(conn: Conn, err: unknown): void {
  if (err instanceof ProtocolError) conn.close(err.code, err.message);
  else conn.close(CLOSE.MALFORMED, 'document update could not be applied');
}

const isConn = (o: unknown): o is Conn => typeof o === 'object' && o !== null && 'awarenessIds' in o;
