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
