/**
 * Document size after a simulated 45-minute session, relative to the same board as plain JSON.
 * Runs in-process: participants are Y.Docs writing through shared/notes.ts, a server doc
 * (gc on, like ours) receives every update, and each participant reloads the page a few times
 * (a new Yjs client id each time, as a browser tab gets). Time is simulated, not waited for.
 */
import * as Y from 'yjs';
import { deflateRawSync } from 'node:zlib';
import { seeded, type Rng } from '../../helpers/seeded.js';
import { selectMeta } from '../../../shared/meta.js';
import { migrate } from '../../../shared/migrations.js';
import { addNote, editNote, moveNote, selectNotes } from '../../../shared/notes.js';
import { getNotes } from '../../../shared/schema.js';
import type { BenchContext, Row, ScenarioOutput } from '../results.js';
import { MAX_NOTES_PER_USER } from '../user.js';

interface Profile {
  label: string;
  participants: number;
  minutes: number;
  /** Mean seconds between one participant's actions, per phase. */
  brainstormEverySec: number;
  clusterEverySec: number;
  reloadsPerParticipant: number;
  /** After this many notes a participant only edits and moves (a brainstorm yields a handful each). */
  maxNotesPerPerson: number;
  /**
   * Bring a participant's doc up to date before each action (needed to move others' notes; a
   * real client has received everything by then). Off for the cohort profile, whose users touch
   * only their own notes, as the load generator's do.
   */
  catchUp: boolean;
}

/** A class-sized workshop: 15 min brainstorm, then clustering until the end. */
const WORKSHOP: Profile = { label: '30 participants, 45-minute workshop', participants: 30, minutes: 45, brainstormEverySec: 20, clusterEverySec: 15, reloadsPerParticipant: 2, maxNotesPerPerson: 25, catchUp: true };
/**
 * The cohort room at the benchmark's rate: every user edits once a second for the whole session.
 * No reloads: each reload holds a full replica in this process, and 200 replicas of a board
 * that has taken 540,000 writes do not fit in the heap (200 client ids are there anyway).
 */
const COHORT: Profile = { label: '200 users × 1 edit/s for 45 minutes', participants: 200, minutes: 45, brainstormEverySec: 1, clusterEverySec: 1, reloadsPerParticipant: 0, maxNotesPerPerson: MAX_NOTES_PER_USER, catchUp: false };
const BRAINSTORM_SHARE = 1 / 3;

interface SizeResult {
  profile: string;
  updates: number;
  notes: number;
  yjsV1Bytes: number;
  yjsV2Bytes: number;
  /** V1 compressed as the server sends a big board to a joiner (MSG_SYNC_DEFLATED, raw DEFLATE level 1). */
  yjsV1DeflatedBytes: number;
  jsonBytes: number;
  /** What the server stores (a compacted snapshot is V2, see server/storage/snapshot.ts) ÷ JSON. */
  ratio: number;
}

interface Person {
  id: string;
  doc: Y.Doc;
  own: string[];
  /** Index into the session's update log up to which this doc has everything. */
  seen: number;
}

function simulate(p: Profile, rng: Rng): SizeResult {
  const server = new Y.Doc({ gc: true });
  migrate(server);
  const people: Person[] = [];
  // Kept only when participants catch up from it; 540,000 updates would not fit in the heap.
  const log: Uint8Array[] = [];
  let updates = 0;
  const open = (id: string, own: string[]): Person => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    const person = { id, doc, own, seen: log.length };
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      updates++;
      if (p.catchUp) {
        log.push(u);
        person.seen = log.length;
      }
      Y.applyUpdate(server, u, 'remote');
    });
    return person;
  };
  for (let i = 0; i < p.participants; i++) people.push(open(`p-${i}`, []));

  const end = p.minutes * 60;
  const brainstormEnd = end * BRAINSTORM_SHARE;
  // Per participant: next action time and reload times, all in simulated seconds.
  const next = people.map(() => rng.next() * p.brainstormEverySec);
  const reloads = people.map(() => Array.from({ length: p.reloadsPerParticipant }, () => rng.next() * end).sort((a, b) => a - b));
  const gap = (mean: number) => -Math.log(1 - rng.next()) * mean;
  const pos = () => ({ x: rng.int(0, 4_000), y: rng.int(0, 2_500) });
  for (;;) {
    let i = -1;
    for (let k = 0; k < people.length; k++) if (i === -1 || next[k]! < next[i]!) i = k;
    const t = next[i]!;
    if (t >= end) break;
    while (reloads[i]!.length > 0 && reloads[i]![0]! <= t) {
      reloads[i]!.shift();
      const old = people[i]!;
      old.doc.destroy();
      people[i] = open(old.id, old.own);
    }
    const me = people[i]!;
    // The updates others made since this participant last acted, merged: what a connected
    // client would have received one by one by now.
    if (p.catchUp && me.seen < log.length) {
      Y.applyUpdate(me.doc, Y.mergeUpdates(log.slice(me.seen)), 'remote');
      me.seen = log.length;
    }
    const all = p.catchUp ? [...getNotes(me.doc).keys()] : me.own;
    if (t < brainstormEnd) {
      const kind = me.own.length === 0 ? 'add'
        : me.own.length >= p.maxNotesPerPerson ? rng.weighted({ edit: 0.6, move: 0.4 })
        : rng.weighted({ add: 0.45, edit: 0.35, move: 0.2 });
      if (kind === 'add') me.own.push(addNote(me.doc, { text: `Idea ${me.own.length + 1} from ${me.id}`, pos: pos(), author: me.id, authorName: me.id, team: '' }));
      else if (kind === 'edit') editNote(me.doc, rng.pick(me.own), `Idea from ${me.id}, revised at ${Math.round(t)} s`);
      else moveNote(me.doc, rng.pick(me.own), pos());
      next[i] = t + gap(p.brainstormEverySec);
    } else {
      if (me.own.length > 0 && rng.chance(0.1)) editNote(me.doc, rng.pick(me.own), `Idea from ${me.id}, reworded at ${Math.round(t)} s`);
      else if (all.length > 0) moveNote(me.doc, rng.pick(all), pos());
      next[i] = t + gap(p.clusterEverySec);
    }
  }
  const json = JSON.stringify({ meta: selectMeta(server), notes: selectNotes(server) });
  const v1 = Y.encodeStateAsUpdate(server);
  const v2 = Y.encodeStateAsUpdateV2(server).length;
  const result = {
    profile: p.label,
    updates,
    notes: getNotes(server).size,
    yjsV1Bytes: v1.length,
    yjsV2Bytes: v2,
    yjsV1DeflatedBytes: deflateRawSync(v1, { level: 1 }).length,
    jsonBytes: Buffer.byteLength(json),
    ratio: v2 / Buffer.byteLength(json),
  };
  people.forEach((x) => x.doc.destroy());
  server.destroy();
  return result;
}

export async function runDocSize(ctx: BenchContext, goal: string): Promise<ScenarioOutput> {
  const profiles = ctx.quick ? [WORKSHOP] : [WORKSHOP, COHORT];
  const rows: Row[] = [];
  const raw: SizeResult[] = [];
  for (const p of profiles) {
    ctx.log(`document size: ${p.label}`);
    const r = simulate(p, seeded(45));
    raw.push(r);
    ctx.log(`  ${r.updates} updates, ${r.notes} notes: stored (Yjs V2) ${(r.yjsV2Bytes / 1024).toFixed(1)} KB vs JSON ${(r.jsonBytes / 1024).toFixed(1)} KB = ${r.ratio.toFixed(2)}×; V1 ${(r.yjsV1Bytes / 1024).toFixed(1)} KB`);
    const scenario = `document size after ${p.label} (${r.updates.toLocaleString('en')} updates, ${r.notes} notes)`;
    const kb = (metric: string, bytes: number): Row => ({ scenario, metric, unit: 'KB', better: 'lower', values: { charrette: bytes / 1024 } });
    rows.push({ scenario, metric: 'stored Yjs state (V2, as compaction stores it) ÷ plain JSON', unit: 'x', better: 'lower', values: { charrette: r.ratio }, goal });
    rows.push(kb('stored Yjs state (V2)', r.yjsV2Bytes));
    rows.push({ scenario, metric: 'Yjs state in V1 (the live document; sync messages) ÷ plain JSON', unit: 'x', better: 'lower', values: { charrette: r.yjsV1Bytes / r.jsonBytes } });
    rows.push(kb('V1 state as sent to a joiner (raw DEFLATE)', r.yjsV1DeflatedBytes));
  }
  return { name: 'document size', rows, notes: [], raw };
}
