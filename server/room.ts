/**
 * A loaded board: its Y.Doc, its awareness, its connections, and what changed during the
 * current event-loop turn (persisted, then fanned out, once per turn by the Hub).
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { BoardId } from '../shared/ids.js';
import type { BoardRecord } from './storage/types.js';
import { syncStep2Message, type Conn } from './connection.js';

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<Conn>();
  /** Which connection speaks for each awareness client id. */
  readonly awarenessOwners = new Map<number, Conn>();
  /** Every presence alias handed out on this board (anonymous mode), so echoes of them are recognized. */
  readonly issuedAliases = new Set<number>();
  /** Identity (token id) that last owned each departed awareness id, so only it can take it back. */
  readonly formerAwarenessOwner = new Map<number, string>();

  /** Document updates of this turn, in order; persisted and broadcast together. */
  pending: Uint8Array[] = [];
  /** Connections whose messages produced `pending` (null = the server itself). */
  pendingOrigins = new Set<Conn | null>();
  /** Awareness client ids changed this turn. */
  awarenessChanged = new Set<number>();
  /** Connections owed a MSG_SAVED once this turn's commit is durable. */
  ackConns = new Set<Conn>();

  /** Highest stored seq for this board and the number of log rows since the last snapshot. */
  lastSeq = 0;
  logLength = 0;
  unloadTimer: NodeJS.Timeout | null = null;
  private fullState: Uint8Array | null = null;

  constructor(readonly id: BoardId, readonly record: BoardRecord) {
    // The server is not a participant: it must not appear in anyone's presence list.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullState = null;
      this.pending.push(update);
      this.pendingOrigins.add(isConn(origin) ? origin : null);
      this.onDirty?.(this);
    });
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
      this.onDirty?.(this);
    });
  }

  /** Set by the Hub: called whenever something must be flushed at the end of this turn. */
  onDirty: ((room: Room) => void) | null = null;

  /**
   * The sync step 2 message carrying the whole document, encoded once per document version and
   * reused for every client that joins with an empty state vector (most joiners): a cohort of
   * 100 joining at once costs one encode and no copy, not 100.
   */
  fullSyncMessage(): Uint8Array {
    this.fullState ??= syncStep2Message(Y.encodeStateAsUpdate(this.doc));
    return this.fullState;
  }

  destroy(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.onDirty = null;
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessChange { added: number[]; updated: number[]; removed: number[] }

const isConn = (o: unknown): o is Conn => typeof o === 'object' && o !== null && 'awarenessIds' in o;
