/**
 * One client socket on one board: decodes y-websocket messages, applies what is valid, and
 * closes the socket (only this one) with a clear reason on anything it cannot accept.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import {
  CLOSE, MSG_AWARENESS, MSG_QUERY_AWARENESS, MSG_SYNC, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE, type CloseCode,
} from '../shared/protocol.js';
import type { SharedMessage } from './frame.js';
import type { Room } from './room.js';
import { checkUpdateV1, InvalidUpdate, type DecodedUpdate } from './updates.js';
import { checkUpdatePolicy } from './policy.js';
import { selectRules } from '../shared/meta.js';
import type { Actor } from '../shared/policy.js';
import type { Claims } from './tokens.js';
import { Bucket, DEFAULT_RATE_LIMITS, type RateLimits } from './ratelimit.js';

/** WebSocket.OPEN (the type import of ws carries no values). */
const OPEN = 1;

/** A socket with this much unsent data is a consumer that cannot keep up; drop it (it will resync). */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export class ProtocolError extends Error {
  constructor(readonly code: CloseCode, message: string) {
    super(message);
  }
}

export class Conn {
  /** Update-carrying messages received; acknowledged with MSG_SAVED once durable. */
  received = 0;
  acked = 0;
  /** Awareness client ids this socket speaks for, removed from presence when it closes. */
  readonly awarenessIds = new Set<number>();
  /**
   * Added to the awareness clocks this socket sends. When a socket closes, the server removes its
   * presence with clock+1; a client that reconnects re-sends its state with the old clock, which
   * every peer would ignore until its 15 s renewal. Shifting its clocks past the removal makes it
   * reappear at once, with stock clients.
   */
  readonly awarenessClockShift = new Map<number, number>();
  /**
   * Whether this socket has sent any presence yet. A reconnecting client's first presence is its
   * own state; anything older it sends later is an echo (see stampAwareness). Not the same as
   * owning an id: a state at clock 0 (a stock client that never set one) is never applied.
   */
  sentPresence = false;
  closed = false;

  /**
   * Whether presence id `id`, which this socket speaks for, must not be sent back to it: an alias
   * on an anonymous board (it would see itself as a stranger), or an id whose clock the server
   * shifted (the client would adopt the shifted clock, echo it, have it shifted again, and so on:
   * a presence storm that ends in a rate-limit close).
   */
  hidesOwn(id: number): boolean {
    return this.awarenessIds.has(id) && (this.room.anonymous || (this.awarenessClockShift.get(id) ?? 0) !== 0);
  }

  /** Bytes and messages allowed per second, refilled continuously (token buckets). */
  private readonly msgBucket: Bucket;
  private readonly byteBucket: Bucket;

  constructor(
    readonly ws: WebSocket,
    readonly room: Room,
    readonly claims: Claims,
    limits: RateLimits = DEFAULT_RATE_LIMITS,
    /** The client understands MSG_SYNC_DEFLATED (it asked with PARAM_COMPRESS). */
    readonly acceptsDeflated = false,
  ) {
    this.msgBucket = new Bucket(limits.messagesPerSecond, limits.messageBurst);
    this.byteBucket = new Bucket(limits.bytesPerSecond, limits.byteBurst);
  }

  private readonly aliases = new Map<number, number>();

  /** This socket's alias for one of its awareness client ids (anonymous boards). */
  alias(client: number): number {
    let a = this.aliases.get(client);
    if (a === undefined) {
      const bytes = new Uint32Array(1);
      do globalThis.crypto.getRandomValues(bytes);
      while (this.room.awareness.meta.has(bytes[0]! >>> 2) || this.room.issuedAliases.has(bytes[0]! >>> 2));
      a = bytes[0]! >>> 2;
      this.aliases.set(client, a);
      this.room.issuedAliases.add(a);
    }
    return a;
  }

  get actor(): Actor {
    return { role: this.claims.role, id: this.claims.id, team: this.claims.team };
  }

  /** False when this message exceeds the connection's rate limits. */
  admit(bytes: number, now = performance.now()): boolean {
    return this.msgBucket.take(1, now) && this.byteBucket.take(bytes, now);
  }

  send(msg: Uint8Array): void {
    if (this.mayWrite()) this.ws.send(msg, { binary: true });
  }

  /** False once closed, and for a consumer that cannot keep up (then it is closed: it will resync). */
  private mayWrite(): boolean {
    if (this.closed) return false;
    if (this.ws.bufferedAmount <= MAX_BUFFERED_BYTES) return true;
    this.close(CLOSE.SLOW, 'connection too slow to keep up; reconnecting will resync');
    return false;
  }

  /**
   * Send a message that goes to many sockets: its frame, built once, is written to this socket
   * as it is. Writing to the socket under `ws` keeps the order of frames only while `ws` writes
   * each send at once, which it does without extensions: with compression (permessage-deflate)
   * it queues sends while it compresses, so then every message goes through `ws.send`.
   */
  sendShared(msg: SharedMessage): void {
    if (!this.mayWrite()) return;
    const socket = this.socket();
    if (socket && this.ws.readyState === OPEN && this.ws.extensions === '') socket.write(msg.frame);
    else this.ws.send(msg.bytes, { binary: true });
  }

  /** The socket under `ws` (private to it; undefined if a version hides it). */
  private socket(): Socket | undefined {
    return (this.ws as unknown as { _socket?: Socket })._socket;
  }

  /**
   * Hold this socket's writes until `uncork`: a turn sends several messages to every socket
   * (update, presence, save acknowledgement) and they should leave in one write, not one
   * system call each. ws does not expose its net.Socket publicly; without it this is a no-op.
   */
  cork(): void {
    this.socket()?.cork();
  }

  uncork(): void {
    this.socket()?.uncork();
  }

  close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    closeSocket(this.ws, code, reason);
  }

  /** Send the server's state vector and the current presence, as a y-websocket server does on connect. */
  greet(): void {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MSG_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, this.room.encodeStateVector());
    this.send(encoding.toUint8Array(e));
    const states = this.room.awareness.getStates();
    if (states.size > 0) this.send(awarenessMessage(this.room.awareness, [...states.keys()]));
  }

  /** Handle one binary message. Throws ProtocolError for anything that must close the socket. */
  handle(msg: Uint8Array): void {
    const room = this.room;
    const d = decoding.createDecoder(msg);
    const type = readUint(d);
    switch (type) {
      case MSG_SYNC: {
        const sub = readUint(d);
        if (sub === SYNC_STEP1) {
          const sv = readBytes(d);
          if (!isEmptyStateVector(sv)) this.send(this.missingFrom(sv));
          else if (this.acceptsDeflated && room.deflatable()) {
            // Compressed off the event loop; updates fanned out meanwhile reach this client
            // first and wait in its document until the state they build on arrives.
            void room.deflatedSyncMessage().then(
              (m) => this.send(m),
              () => this.send(room.fullSyncMessage()),
            );
          } else this.send(room.fullSyncMessage());
        } else if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) {
          const update = readBytes(d);
          // Decoded now, so bytes that are not an update close the socket at once; checked and
          // applied with the other updates of this flush (see Room.settle).
          const decoded = decodeClientUpdate(update);
          if (decoded) room.queueUpdate(this, update, decoded);
          this.received++;
          room.ackConns.add(this);
          room.onDirty?.(room, true);
        } else {
          throw new ProtocolError(CLOSE.MALFORMED, `unknown sync message type ${sub}`);
        }
        break;
      }
      case MSG_AWARENESS: {
        const update = readBytes(d);
        // The projector is never seen by anyone: its presence is dropped, not forwarded.
        if (this.claims.role === 'projector') break;
        const stamped = stampAwareness(update, this);
        if (stamped) {
          if (!this.admit(stamped.length)) throw new ProtocolError(CLOSE.RATE_LIMITED, 'sending too fast; reconnecting shortly');
          awarenessProtocol.applyAwarenessUpdate(room.awareness, stamped, this);
        }
        break;
      }
      case MSG_QUERY_AWARENESS:
        this.send(awarenessMessage(room.awareness, [...room.awareness.getStates().keys()].filter((id) => !this.hidesOwn(id))));
        break;
      default:
        throw new ProtocolError(CLOSE.MALFORMED, `unknown message type ${type}`);
    }
    if (decoding.hasContent(d)) throw new ProtocolError(CLOSE.MALFORMED, 'trailing bytes after message');
  }

  /** The sync step 2 answering a client that already has part of the board. */
  private missingFrom(encodedSv: Uint8Array): Uint8Array {
    try {
      return syncStep2Message(this.room.encodeState(encodedSv));
    } catch {
      throw new ProtocolError(CLOSE.MALFORMED, 'malformed state vector');
    }
  }
}

/** True for a state vector of a client that has nothing yet; throws ProtocolError when it is malformed. */
function isEmptyStateVector(encodedSv: Uint8Array): boolean {
  try {
    return Y.decodeStateVector(encodedSv).size === 0;
  } catch {
    throw new ProtocolError(CLOSE.MALFORMED, 'malformed state vector');
  }
}

export function syncStep2Message(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  encoding.writeVarUint(e, SYNC_STEP2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** RFC 6455 limits a close reason to 123 bytes of UTF-8. */
const MAX_CLOSE_REASON_BYTES = 123;

/**
 * A close reason that is safe to send and to log: printable text only (reasons may echo
 * client-chosen strings), cut to the byte limit on a character boundary.
 */
export function safeReason(reason: string): string {
  // eslint-disable-next-line no-control-regex
  let out = reason.replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, ' ');
  while (Buffer.byteLength(out) > MAX_CLOSE_REASON_BYTES) out = out.slice(0, -1);
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  return out;
}

/** Close a socket with a reason; never throws (a throw here would escape a message handler). */
export function closeSocket(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, safeReason(reason));
  } catch {
    ws.terminate();
  }
}

/**
 * A client's V1 update after a strict parse; null for an empty update (what a new client answers
 * the server's state vector with), which needs nothing applied. Throws ProtocolError on bytes
 * that are not a V1 update.
 */
export function decodeClientUpdate(update: Uint8Array): DecodedUpdate | null {
  let decoded: DecodedUpdate;
  try {
    decoded = checkUpdateV1(update);
  } catch (err) {
    throw new ProtocolError(CLOSE.MALFORMED, err instanceof InvalidUpdate ? err.message : 'malformed document update');
  }
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0 ? null : decoded;
}

/**
 * Apply a decoded client update after the policy check; throws ProtocolError instead of applying
 * anything doubtful. Checked against the document as it is now, so updates applied together in
 * one transaction (see Room.settle) are each checked against what the earlier ones did.
 */
export function applyDecodedUpdate(doc: Y.Doc, update: Uint8Array, decoded: DecodedUpdate, actor: Actor, owners?: ClientOwners): void {
  // An update that starts beyond what the server has for some client (a gap) would sit pending
  // in the document forever and ride along in every saved state: refuse it.
  const claimed: number[] = [];
  for (const [client, clock] of decoded.from) {
    const known = Y.getState(doc.store, client);
    if (clock > known) {
      throw new ProtocolError(CLOSE.MALFORMED, 'document update depends on changes the server does not have');
    }
    if (!owners || decoded.to.get(client)! <= known) continue; // only copies of what the server has
    // New changes under a Yjs client id someone else writes with would take its next clocks:
    // their real changes would then be skipped as already known. The facilitator may (a tab can
    // switch to the facilitator's link and keep its document), and can change anything anyway.
    const owner = owners.get(client);
    if (owner !== undefined && owner !== actor.id && actor.role !== 'facilitator') {
      throw new ProtocolError(CLOSE.FORBIDDEN, 'not allowed: changes under another participant\'s client id');
    }
    if (owner === undefined) claimed.push(client);
  }
  const verdict = checkUpdatePolicy(doc, actor, selectRules(doc), decoded);
  if (!verdict.ok) {
    throw new ProtocolError(verdict.malformed ? CLOSE.MALFORMED : CLOSE.FORBIDDEN, verdict.malformed ? verdict.reason : `not allowed: ${verdict.reason}`);
  }
  try {
    Y.applyUpdate(doc, update);
  } catch {
    throw new ProtocolError(CLOSE.MALFORMED, 'document update could not be applied');
  }
  for (const client of claimed) owners!.claim(client, actor.id);
}

/**
 * Who writes under each Yjs client id of a board (a token identity, or SERVER_WRITER for the
 * server's own document): the first to add changes under an id owns it. Claims are stored with
 * the changes that made them (see Hub.flush), so they hold after a restart; `unsaved` holds those
 * not stored yet.
 */
export class ClientOwners extends Map<number, string> {
  readonly unsaved: Array<[client: number, owner: string]> = [];

  claim(client: number, owner: string): void {
    this.set(client, owner);
    this.unsaved.push([client, owner]);
  }
}
export const SERVER_WRITER = '\u0000server';

/** Awareness states one socket may speak for (a tab reloading its doc gets a new client id). */
const MAX_AWARENESS_IDS_PER_CONN = 4;
const MAX_AWARENESS_STATE_BYTES = 4 * 1024;

/**
 * Rewrite an awareness update from `conn`: only client ids it owns (or new ones), and the
 * `user` field set from its token, so nobody can appear as someone else or as the facilitator.
 * Returns null when nothing in it may be applied.
 */
export function stampAwareness(update: Uint8Array, conn: Conn): Uint8Array | null {
  const d = decoding.createDecoder(update);
  const out = encoding.createEncoder();
  const entries: Array<[number, number, string]> = [];
  try {
    const n = decoding.readVarUint(d);
    for (let i = 0; i < n; i++) {
      const client = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const json = decoding.readVarString(d);
      entries.push([client, clock, json]);
    }
  } catch {
    throw new ProtocolError(CLOSE.MALFORMED, 'malformed awareness update');
  }
  if (decoding.hasContent(d)) throw new ProtocolError(CLOSE.MALFORMED, 'malformed awareness update');
  const room = conn.room;
  const anonymous = room.anonymous;
  const first = !conn.sentPresence;
  conn.sentPresence = true;
  const keep: Array<[number, number, string]> = [];
  for (const [real, clock, json] of entries) {
    // Echoes of aliased presence (y-websocket clients send back every state they receive) carry
    // an alias, never a real id: drop them before they could be aliased again.
    if (room.issuedAliases.has(real)) continue;
    // On an anonymous board presence travels under an alias: a note's Yjs client id matched
    // against the same id in presence would otherwise name its author.
    const client = anonymous ? conn.alias(real) : real;
    const owner = room.awarenessOwners.get(client);
    // y-websocket clients echo every presence change they receive back to the server: anything
    // about an id this socket does not own is such an echo (or a forgery) and is ignored.
    if (owner && owner !== conn) continue;
    if (!owner) {
      if (json === 'null') continue; // a removal of someone else's (or a departed) presence
      if (conn.awarenessIds.size >= MAX_AWARENESS_IDS_PER_CONN) continue;
      const known = room.awareness.meta.get(client)?.clock;
      if (known !== undefined && known >= clock) {
        // A state older than what the server has: either this identity reconnecting with the
        // clock it had before its removal (shift it past the removal so it shows at once), or a
        // stale echo of someone else's departed presence (ignore it).
        // Only a socket's first presence can be such a reconnect: a socket that has spoken before
        // is echoing a departed state (say, of its owner's other, closed tab).
        if (!first || conn.awarenessIds.size > 0 || room.formerAwarenessOwner.get(client) !== conn.claims.id) continue;
        conn.awarenessClockShift.set(client, known + 1 - clock);
      } else if (!conn.awarenessClockShift.has(client)) {
        conn.awarenessClockShift.set(client, 0);
      }
    }
    const shifted = clock + (conn.awarenessClockShift.get(client) ?? 0);
    if (json.length > MAX_AWARENESS_STATE_BYTES) throw new ProtocolError(CLOSE.MALFORMED, 'presence state too large');
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new ProtocolError(CLOSE.MALFORMED, 'malformed awareness update');
    }
    if (state !== null) {
      if (typeof state !== 'object' || Array.isArray(state)) throw new ProtocolError(CLOSE.MALFORMED, 'presence must be an object');
      const claimed = (state as { user?: { color?: unknown } }).user;
      const color = typeof claimed?.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(claimed.color) ? claimed.color : '#555555';
      const c = conn.claims;
      (state as Record<string, unknown>).user = anonymous
        ? { id: `anon-${client}`, name: c.role === 'facilitator' ? c.name : '', color, role: c.role, team: c.team }
        : { id: c.id, name: c.name, color, role: c.role, team: c.team };
    }
    keep.push([client, shifted, JSON.stringify(state)]);
  }
  if (keep.length === 0) return null;
  encoding.writeVarUint(out, keep.length);
  for (const [client, clock, json] of keep) {
    encoding.writeVarUint(out, client);
    encoding.writeVarUint(out, clock);
    encoding.writeVarString(out, json);
  }
  return encoding.toUint8Array(out);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_AWARENESS);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  encoding.writeVarUint(e, SYNC_UPDATE);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

// lib0 readers throw plain Errors on truncated input; turn them into protocol errors.
function readUint(d: decoding.Decoder): number {
  try {
    return decoding.readVarUint(d);
  } catch {
    throw new ProtocolError(CLOSE.MALFORMED, 'truncated message');
  }
}

function readBytes(d: decoding.Decoder): Uint8Array {
  try {
    return decoding.readVarUint8Array(d);
  } catch {
    throw new ProtocolError(CLOSE.MALFORMED, 'truncated message');
  }
}
