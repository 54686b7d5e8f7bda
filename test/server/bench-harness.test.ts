/**
 * Smoke test of the benchmark harness (test/bench), not of performance: a few users on our
 * server and on the relay for a few seconds, and the harness must see every marked update
 * arrive at every other user, parse markers out of merged Yjs updates, and get durable
 * acknowledgements from our server. No timing is asserted.
 */
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { addNote, editNote } from '../../shared/notes.js';
import { runLoad, type LoadSpec } from '../bench/loadgen.js';
import { marker, scanMarkers } from '../bench/markers.js';
import { startTarget, type Target } from '../bench/targets.js';
import { Tracker } from '../bench/tracker.js';

const SPEC: LoadSpec = { users: 5, editsPerUserPerSec: 4, cursorsPerUserPerSec: 2, warmupMs: 300, measureMs: 3_000, graceMs: 5_000, seed: 3 };

describe('benchmark harness', () => {
  const started: Target[] = [];
  afterAll(async () => {
    await Promise.all(started.map((t) => t.stop()));
  });

  it('finds every marker in a merged update, once per receiver', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const updates: Uint8Array[] = [];
    for (const d of [a, b]) d.on('update', (u: Uint8Array) => updates.push(u));
    const id = addNote(a, { text: `one ${marker(0, 0)}`, pos: { x: 1, y: 2 }, author: 'p-a', authorName: 'A' });
    editNote(a, id, `two ${marker(0, 1)}`);
    addNote(b, { text: `three ${marker(35, 1_000)}`, pos: { x: 3, y: 4 }, author: 'p-b', authorName: 'B' });
    const found: string[] = [];
    scanMarkers(Buffer.from(Y.mergeUpdates(updates)), (s, q) => found.push(`${s}:${q}`));
    expect(found.sort()).toEqual(['0:0', '0:1', '35:1000']);

    const t = new Tracker(3);
    t.send(0, 0, 0, 0);
    t.arrive(1, 0, 0, 1);
    t.arrive(1, 0, 0, 2); // a duplicate delivery counts once
    t.arrive(0, 0, 0, 3); // an echo to the sender does not count
    expect(t.report(0)).toMatchObject({ updates: 1, lostUpdates: 1, lostDeliveries: 1 });
    t.arrive(2, 0, 0, 4);
    expect(t.report(0)).toMatchObject({ updates: 1, lostUpdates: 0, lostDeliveries: 0 });
  });

  it('counts an overwritten write as delivered when the write that overwrote it arrives', () => {
    // A server applying two updates of one user in one transaction (as ours does per flush)
    // sends the first text as deleted, without its marker.
    const user = new Y.Doc();
    const server = new Y.Doc({ gc: true });
    const sent: Uint8Array[] = [];
    user.on('update', (u: Uint8Array) => sent.push(u));
    const id = addNote(user, { text: `one ${marker(0, 0)}`, pos: { x: 1, y: 2 }, author: 'p-a', authorName: 'A' });
    const other = addNote(user, { text: `other ${marker(0, 1)}`, pos: { x: 1, y: 2 }, author: 'p-a', authorName: 'A' });
    editNote(user, id, `two ${marker(0, 2)}`);
    const out: Uint8Array[] = [];
    server.on('update', (u: Uint8Array) => out.push(u));
    Y.transact(server, () => sent.forEach((u) => Y.applyUpdate(server, u)));
    const found: number[] = [];
    scanMarkers(Buffer.from(out[0]!), (_s, q) => found.push(q));
    expect(found.sort()).toEqual([1, 2]);
    expect(other).not.toBe(id);

    const t = new Tracker(3);
    t.send(0, 0, 0, 0, 0); // note 0
    t.send(0, 1, 0, 0, 1); // note 1
    t.send(0, 2, 1, 0, 0); // note 0 again
    for (const q of found) t.arrive(1, 0, q, 5);
    // Receiver 1 has everything; receiver 2 got only the write to note 1: 0 and 2 are missing there.
    t.arrive(2, 0, 1, 5);
    expect(t.report(0)).toMatchObject({ updates: 3, lostUpdates: 2, lostDeliveries: 2 });
    expect(t.report(0).arrival.count).toBe(4);
    t.arrive(2, 0, 2, 6);
    expect(t.report(0)).toMatchObject({ updates: 3, lostUpdates: 0, lostDeliveries: 0 });
    // The overwritten write is timed from its own send to the arrival of the one that covered it.
    expect(t.report(0).fanout.max).toBe(6);
  });

  for (const name of ['charrette', 'relay'] as const) {
    it(`measures a short run on ${name}`, async () => {
      const target = await startTarget(name, { pin: false });
      started.push(target);
      const r = await runLoad(target, SPEC);
      const d = r.delivery;
      expect(r.closes).toEqual({});
      expect(d.updates).toBeGreaterThan(0);
      expect(d.lostUpdates).toBe(0);
      // Every marked update reached the other four users, and each arrival was timed.
      expect(d.arrival.count).toBe(d.updates * (SPEC.users - 1));
      expect(d.fanout.count).toBe(d.updates);
      expect(d.fanout.max).toBeGreaterThanOrEqual(d.fanout.p50);
      if (name === 'charrette') expect(d.durable.count).toBe(d.updates);
      else expect(d.durable.count).toBe(0);
      expect(r.server.rssEndMB).toBeGreaterThan(0);
      await target.stop();
    }, 60_000);
  }
});
