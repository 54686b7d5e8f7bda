/**
 * One simulated participant: a real WebSocket, its own Y.Doc producing real V1 updates through
 * shared/notes.ts (so our server's policy accepts them), and awareness cursors through
 * y-protocols. It edits only its own notes (participants may not change others' notes while
 * brainstorming). Incoming updates are not applied: a receiver only looks for markers, so that
 * 200 users fit in one load-generator core.
 */
import { inflateRawSync } from 'node:zlib';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Rng } from '../helpers/seeded.js';
import type { NoteId } from '../../shared/ids.js';
import { addNote, editNote, moveNote } from '../../shared/notes.js';
import { LOCAL_ORIGIN } from '../../shared/origins.js';
import { marker, scanMarkers } from './markers.js';
import { LiteSocket } from './socket.js';
import type { Endpoint } from './targets.js';
import { WARMUP, type Tracker } from './tracker.js';
import {
  awarenessMsg, deflatedPayload, MSG_SAVED, MSG_SYNC, MSG_SYNC_DEFLATED, savedCount, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE, syncPayload, syncStep1,
  syncStep2, syncUpdate,
} from './wire.js';

const REMOTE_ORIGIN = Symbol('bench:remote');
const EMPTY_READY: [number, Uint8Array, number] = [-1, new Uint8Array(), -1];
const CONNECT_TIMEOUT_MS = 30_000;
/** Beyond this many notes a user only moves and edits (boards stay the size people make). */
export const MAX_NOTES_PER_USER = 12;
/** Where users put notes: a screenful or two of board, in board units. */
const AREA = { w: 4_000, h: 2_500 };
const IDEAS = [
  'More shade in the playground', 'Open the library on Saturdays', 'Safer bike lanes to school',
  'A garden club after class', 'Quiet room for exams', 'Water fountains that work', 'Later start on Mondays',
  'Student-run café', 'Recycling bins in every room', 'Mentoring for first years',
];

export interface UserOptions {
  /** The server answers sync step 1 (false for the relay, which keeps no state). */
  keepsState: boolean;
  tracker: Tracker | null;
  rng: Rng;
  /**
   * Keep the server's initial state as bytes instead of applying it (applyState() later). When
   * 100 users join at once, applying 100 large states would make the generator the bottleneck
   * and every later arrival look slow.
   */
  deferState?: boolean;
  /** Keep a full replica: every document update received or sent, applied (see SimUser.replica). */
  replica?: boolean;
}

export type Action = 'add' | 'move' | 'edit';

export class SimUser {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Window the next marked update belongs to. */
  tag = WARMUP;
  closeInfo: { code: number; reason: string } | null = null;
  /** performance.now() when the socket was created / the server's state arrived / was applied. */
  connectStartedAt = NaN;
  stateReceivedAt = NaN;
  stateAppliedAt = NaN;
  stateBytes = 0;
  readonly received = { messages: 0, bytes: 0 };
  readonly notes: NoteId[] = [];
  /**
   * With `replica`: the board as this client knows it, from what it received and what it sent
   * (`doc` runs ahead: edits are made before they are sent).
   */
  readonly replica: Y.Doc | null;

  private ws: LiteSocket | null = null;
  private seq = 0;
  private captured: Uint8Array | null = null;
  /** Update-carrying messages sent on this socket, in order: marker seq, or -1 for an unmarked one. */
  private readonly carried: number[] = [];
  private acked = 0;
  private onSynced: (() => void) | null = null;
  /** Edits made ahead of time: [seq, message, note], sent in order by act(). */
  private readonly ready: Array<[number, Uint8Array, number]> = [];
  private readyHead = 0;
  private pendingState: Uint8Array | null = null;
  private pendingDeflated = false;
  /** Arrival time of the message being scanned, for onMarker (one closure, not one per message). */
  private arrivedAt = 0;
  private readonly onMarker = (sender: number, seq: number) => this.opts.tracker?.arrive(this.index, sender, seq, this.arrivedAt);

  constructor(readonly index: number, readonly endpoint: Endpoint, private readonly opts: UserOptions) {
    this.replica = opts.replica ? new Y.Doc() : null;
    this.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === LOCAL_ORIGIN) this.captured = u;
    });
  }

  get open(): boolean {
    return this.ws?.open === true;
  }

  /** Open the socket and resolve once the server's state arrived (or, for the relay, once open). */
  connect(): Promise<void> {
    this.connectStartedAt = performance.now();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`user ${this.index}: no state within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const ws = new LiteSocket({
        message: (data) => this.onMessage(data),
        close: (code, reason) => {
          this.closeInfo = { code, reason };
          clearTimeout(timer);
          reject(new Error(`user ${this.index}: closed ${code} ${reason}`));
        },
      });
      this.ws = ws;
      ws.connect(this.endpoint.url).then(() => {
        for (const m of this.endpoint.framing.hello()) ws.send(m);
        this.awareness.setLocalState({ user: { name: this.endpoint.identity.name, color: '#3366cc' }, cursor: null });
        if (this.opts.keepsState) {
          this.onSynced = done;
          this.send(syncStep1(Y.encodeStateVector(this.doc)));
        }
        this.send(awarenessMsg(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])));
        if (!this.opts.keepsState) done();
      }, (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  private send(msg: Uint8Array): void {
    if (this.ws?.open) this.ws.send(this.endpoint.framing.wrap(msg));
  }

  private onMessage(data: Buffer): void {
    const t = performance.now();
    this.received.messages++;
    this.received.bytes += data.length;
    const msg = this.endpoint.framing.unwrap(data);
    const type = msg[0];
    if (type === MSG_SYNC) {
      if (this.opts.tracker) {
        this.arrivedAt = t;
        scanMarkers(data, this.onMarker);
      }
      const sub = msg[1];
      if (sub === SYNC_STEP1 && this.opts.keepsState) {
        this.carried.push(-1);
        this.send(syncStep2(Y.encodeStateAsUpdate(this.doc, syncPayload(msg))));
      } else if (sub === SYNC_STEP2 && this.onSynced) {
        // A copy: the payload is a view into the socket's read buffer.
        this.stateArrived(t, data.length, Uint8Array.from(syncPayload(msg)), false);
      }
      if (this.replica && (sub === SYNC_STEP2 || sub === SYNC_UPDATE)) Y.applyUpdate(this.replica, syncPayload(msg), REMOTE_ORIGIN);
    } else if (type === MSG_SYNC_DEFLATED && this.onSynced) {
      // Our server's compressed initial state (asked for, as our browser client does); inflating
      // it is part of applying it, as parsing is for the uncompressed one.
      this.stateArrived(t, data.length, Uint8Array.from(deflatedPayload(msg)), true);
      if (this.replica) Y.applyUpdate(this.replica, inflateRawSync(deflatedPayload(msg)), REMOTE_ORIGIN);
    } else if (type === MSG_SAVED) {
      const n = savedCount(msg);
      const tracker = this.opts.tracker;
      while (this.acked < n && this.acked < this.carried.length) {
        const seq = this.carried[this.acked++]!;
        if (seq >= 0) tracker?.durable(this.index, seq, t);
      }
    }
  }

  /** Send a marked update message that wrote the text of note `note` (an index into `notes`). */
  private sendMarked(seq: number, msg: Uint8Array, note: number): boolean {
    if (!this.open) return false;
    this.opts.tracker?.send(this.index, seq, performance.now(), this.tag, note);
    this.carried.push(seq);
    this.send(msg);
    if (this.replica) Y.applyUpdate(this.replica, syncPayload(msg), REMOTE_ORIGIN);
    return true;
  }

  private position(): { x: number; y: number } {
    return { x: this.opts.rng.int(0, AREA.w), y: this.opts.rng.int(0, AREA.h) };
  }

  /** The next action of a participant who is brainstorming. */
  nextAction(): Action {
    const n = this.notes.length;
    if (n === 0) return 'add';
    if (n >= MAX_NOTES_PER_USER) return this.opts.rng.chance(0.55) ? 'move' : 'edit';
    return this.opts.rng.weighted({ add: 0.2, move: 0.45, edit: 0.35 });
  }

  /**
   * One edit, one update. A drop writes the position once (not per pixel) and, in the same
   * transaction, a fresh marker into the note's text: ~20 bytes more than a bare move, and the
   * only way to time a move without decoding Yjs at the receivers.
   */
  act(): boolean {
    if (this.readyHead < this.ready.length) {
      const [seq, msg, note] = this.ready[this.readyHead]!;
      this.ready[this.readyHead++] = EMPTY_READY;
      return this.sendMarked(seq, msg, note);
    }
    const made = this.make();
    return made ? this.sendMarked(made[0], made[1], made[2]) : false;
  }

  /**
   * Make `count` edits now and keep their messages for act(). A user never applies what it
   * receives, so its next edits do not depend on the network: making them before a measurement
   * window takes Yjs off the generator's hot path, which then only sends bytes and reads them.
   */
  prepare(count: number): void {
    if (this.readyHead === this.ready.length) {
      this.ready.length = 0;
      this.readyHead = 0;
    }
    for (let i = this.ready.length - this.readyHead; i < count; i++) {
      const made = this.make();
      if (made) this.ready.push(made);
    }
  }

  /**
   * Perform the next action on the local doc; its seq, message and the note whose text it wrote
   * (an index into `notes`), or null for a no-op.
   */
  private make(action: Action = this.nextAction()): [number, Uint8Array, number] | null {
    const seq = this.seq++;
    const text = `${this.opts.rng.pick(IDEAS)} ${marker(this.index, seq)}`;
    const { id, name, team } = this.endpoint.identity;
    let slot: number;
    if (action === 'add' || this.notes.length === 0) {
      slot = this.notes.length;
      this.notes.push(addNote(this.doc, { text, pos: this.position(), author: id, authorName: name, team }));
    } else {
      slot = this.opts.rng.int(0, this.notes.length - 1);
      const note = this.notes[slot]!;
      if (action === 'move') {
        this.doc.transact(() => {
          moveNote(this.doc, note, this.position());
          editNote(this.doc, note, text);
        }, LOCAL_ORIGIN);
      } else {
        editNote(this.doc, note, text);
      }
    }
    const u = this.captured;
    this.captured = null;
    return u ? [seq, syncUpdate(u), slot] : null;
  }

  /** Add many notes in one update (seeding a board); unmarked. */
  seedNotes(count: number): void {
    const { id, name, team } = this.endpoint.identity;
    this.doc.transact(() => {
      for (let i = 0; i < count; i++) {
        const text = `${this.opts.rng.pick(IDEAS)} (${this.index}.${i})`;
        this.notes.push(addNote(this.doc, { text, pos: this.position(), author: id, authorName: name, team }));
      }
    }, LOCAL_ORIGIN);
    const u = this.captured;
    this.captured = null;
    if (u) {
      this.carried.push(-1);
      this.send(syncUpdate(u));
      if (this.replica) Y.applyUpdate(this.replica, u, REMOTE_ORIGIN);
    }
  }

  private stateArrived(t: number, bytes: number, state: Uint8Array, deflated: boolean): void {
    this.stateReceivedAt = t;
    this.stateBytes = bytes;
    this.pendingState = state;
    this.pendingDeflated = deflated;
    if (!this.opts.deferState) this.applyState();
    const cb = this.onSynced;
    this.onSynced = null;
    cb?.();
  }

  /** Apply the initial state kept by `deferState`. */
  applyState(): void {
    if (!this.pendingState) return;
    Y.applyUpdate(this.doc, this.pendingDeflated ? inflateRawSync(this.pendingState) : this.pendingState, REMOTE_ORIGIN);
    this.pendingState = null;
    this.stateAppliedAt = performance.now();
  }

  /** Update-carrying messages sent and those the server reported stored. */
  get savedProgress(): { sent: number; saved: number } {
    return { sent: this.carried.length, saved: this.acked };
  }

  cursor(): void {
    this.awareness.setLocalStateField('cursor', this.position());
    this.send(awarenessMsg(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])));
  }

  close(): void {
    this.ws?.close();
    this.awareness.destroy();
    this.doc.destroy();
    this.replica?.destroy();
  }
}
