/**
 * The table of every marked update: when it was sent, which other users have received it, and
 * when the server said it was stored. Updates are grouped by a tag (a measurement window or a
 * ramp step); tag WARMUP is tracked for loss but left out of the latency figures.
 */
import { Samples, summarize, type Summary } from './stats.js';

export const WARMUP = -1;

export interface DeliveryReport {
  /** Marked updates sent in this window. */
  updates: number;
  /** Send → arrival, one sample per (update, receiving user). */
  arrival: Summary;
  /** Send → arrival at the last other user, one sample per fully delivered update. */
  fanout: Summary;
  /** Updates some other user never received (within the grace period). */
  lostUpdates: number;
  /** (update, receiver) pairs that never arrived. */
  lostDeliveries: number;
  /** Send → the server reporting the update durably stored; empty when it does not report. */
  durable: Summary;
  /** Updates never reported stored (only meaningful when `durable` has samples). */
  notDurable: number;
}

interface Window {
  first: number;
  end: number;
  arrival: Samples;
  fanout: Samples;
  durable: Samples;
}

export class Tracker {
  private cap = 1024;
  private count = 0;
  private sendAt = new Float64Array(this.cap);
  private arrived = new Int32Array(this.cap);
  private durableAt = new Float64Array(this.cap);
  private tags = new Int32Array(this.cap);
  /** The previous update by the same sender that wrote the same note's text, or -1. */
  private prevSameNote = new Int32Array(this.cap);
  /** Per sender, per note: the last update that wrote its text. */
  private readonly lastByNote: number[][] = [];
  /** One bit per user per update: a receiver that sees a marker twice counts once. */
  private seen: Uint8Array;
  private readonly stride: number;
  private readonly index: number[][] = [];
  private readonly windows = new Map<number, Window>();

  /** `users` is everyone in the room; each update is expected by the other users - 1. */
  constructor(readonly users: number) {
    this.stride = Math.ceil(users / 8);
    this.seen = new Uint8Array(this.cap * this.stride);
    for (let u = 0; u < users; u++) {
      this.index.push([]);
      this.lastByNote.push([]);
    }
  }

  get receivers(): number {
    return this.users - 1;
  }

  private grow(): void {
    this.cap *= 2;
    const f = (a: Float64Array) => { const b = new Float64Array(this.cap); b.set(a); return b; };
    const i = (a: Int32Array) => { const b = new Int32Array(this.cap); b.set(a); return b; };
    this.sendAt = f(this.sendAt);
    this.durableAt = f(this.durableAt);
    this.arrived = i(this.arrived);
    this.tags = i(this.tags);
    this.prevSameNote = i(this.prevSameNote);
    const seen = new Uint8Array(this.cap * this.stride);
    seen.set(this.seen);
    this.seen = seen;
  }

  private window(tag: number): Window {
    let w = this.windows.get(tag);
    if (!w) this.windows.set(tag, (w = { first: this.count, end: this.count, arrival: new Samples(), fanout: new Samples(), durable: new Samples() }));
    return w;
  }

  /** `note` identifies the note whose text the update wrote (per sender), -1 for none. */
  send(sender: number, seq: number, t: number, tag: number, note = -1): void {
    if (this.count === this.cap) this.grow();
    const w = this.window(tag);
    const i = this.count++;
    this.index[sender]![seq] = i;
    const last = this.lastByNote[sender]!;
    this.prevSameNote[i] = note >= 0 ? (last[note] ?? -1) : -1;
    if (note >= 0) last[note] = i;
    this.sendAt[i] = t;
    this.tags[i] = tag;
    this.durableAt[i] = NaN;
    w.end = this.count;
  }

  /**
   * `receiver` found the marker of (sender, seq). That also delivers the sender's earlier writes
   * of the same note's text that this receiver has not seen: a server that applies several
   * updates in one transaction sends an overwritten value as deleted, without its text (and its
   * marker). The receiver's board is then as if it had received them, at this moment.
   */
  arrive(receiver: number, sender: number, seq: number, t: number): void {
    if (receiver === sender) return; // a server may echo a user's own update in a merged message
    const first = this.index[sender]?.[seq];
    if (first === undefined) return; // a marker from content written before tracking began
    const bit = 1 << (receiver & 7);
    // Earlier writes seen by this receiver had their own predecessors covered when they arrived.
    for (let i = first; i >= 0; i = this.prevSameNote[i]!) {
      const byte = i * this.stride + (receiver >> 3);
      const had = this.seen[byte]!;
      if (had & bit) return;
      this.seen[byte] = had | bit;
      this.delivered(i, t);
    }
  }

  private delivered(i: number, t: number): void {
    const n = this.arrived[i]! + 1;
    this.arrived[i] = n;
    const tag = this.tags[i]!;
    if (tag === WARMUP) return;
    const w = this.windows.get(tag)!;
    const latency = t - this.sendAt[i]!;
    w.arrival.push(latency);
    if (n === this.receivers) w.fanout.push(latency);
  }

  durable(sender: number, seq: number, t: number): void {
    const i = this.index[sender]?.[seq];
    if (i === undefined || !Number.isNaN(this.durableAt[i]!)) return;
    this.durableAt[i] = t;
    const tag = this.tags[i]!;
    if (tag !== WARMUP) this.windows.get(tag)!.durable.push(t - this.sendAt[i]!);
  }

  /** Updates of `tag` not yet received by every other user. */
  outstanding(tag: number): number {
    const w = this.windows.get(tag);
    if (!w) return 0;
    let n = 0;
    for (let i = w.first; i < w.end; i++) if (this.tags[i] === tag && this.arrived[i]! < this.receivers) n++;
    return n;
  }

  /** Updates of `tag` not reported stored yet (by a server that reports it). */
  unsaved(tag: number): number {
    const w = this.windows.get(tag);
    if (!w) return 0;
    let n = 0;
    for (let i = w.first; i < w.end; i++) if (this.tags[i] === tag && Number.isNaN(this.durableAt[i]!)) n++;
    return n;
  }

  /** Updates of `tag` sent at least `ageMs` before `now` and still not everywhere. */
  overdue(tag: number, now: number, ageMs: number): number {
    const w = this.windows.get(tag);
    if (!w) return 0;
    let n = 0;
    for (let i = w.first; i < w.end; i++) {
      if (this.tags[i] === tag && this.arrived[i]! < this.receivers && now - this.sendAt[i]! >= ageMs) n++;
    }
    return n;
  }

  report(tag: number): DeliveryReport {
    const w = this.window(tag);
    let updates = 0;
    let lostUpdates = 0;
    let lostDeliveries = 0;
    let notDurable = 0;
    for (let i = w.first; i < w.end; i++) {
      if (this.tags[i] !== tag) continue;
      updates++;
      const missing = this.receivers - this.arrived[i]!;
      if (missing > 0) {
        lostUpdates++;
        lostDeliveries += missing;
      }
      if (Number.isNaN(this.durableAt[i]!)) notDurable++;
    }
    const durable = summarize(w.durable.view());
    return {
      updates,
      arrival: summarize(w.arrival.view()),
      fanout: summarize(w.fanout.view()),
      lostUpdates,
      lostDeliveries,
      durable,
      notDurable: durable.count > 0 ? notDurable : 0,
    };
  }
}
