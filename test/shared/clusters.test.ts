import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  absolutePos, assignNote, clusterAt, clusterCounts, createCluster, deleteCluster, describeCluster, gridSlots,
  mergeClusters, moveCluster, notesByCluster, recolorCluster, renameCluster, reorderCluster, resizeCluster,
  selectCluster, selectClusters,
} from '../../shared/clusters.js';
import { addNote, selectNote, selectNotes } from '../../shared/notes.js';
import { CLUSTER_MIN_SIZE, NOTE_HEIGHT } from '../../shared/schema.js';
import { seeded } from '../helpers/seeded.js';

const note = (doc: Y.Doc, text: string, x = 0, y = 0, team = '') =>
  addNote(doc, { text, pos: { x, y }, author: 'p1', authorName: 'Ana', team });

describe('category operations', () => {
  it('create, rename, describe, recolor, resize, move', () => {
    const doc = new Y.Doc();
    const id = createCluster(doc, { name: 'Revise policies', pos: { x: 100, y: 100 }, createdBy: 'facilitator' });
    renameCluster(doc, id, 'Revise district policies');
    describeCluster(doc, id, 'Seat time, grading and attendance policies that limit flexibility.');
    recolorCluster(doc, id, 'sky');
    resizeCluster(doc, id, { w: 10, h: 10 });
    moveCluster(doc, id, { x: 300, y: 50 });
    expect(selectCluster(doc, id)).toMatchObject({
      name: 'Revise district policies', color: 'sky', pos: { x: 300, y: 50 }, size: CLUSTER_MIN_SIZE, deleted: false,
    });
  });

  it('notes in a category move with it in one write', () => {
    const doc = new Y.Doc();
    const c = createCluster(doc, { name: 'Grading', pos: { x: 1000, y: 0 }, createdBy: 'f' });
    const n = note(doc, 'Retakes until mastery');
    assignNote(doc, n, c, { x: 1050, y: 100 });
    expect(selectNote(doc, n)).toMatchObject({ clusterId: c, pos: { x: 50, y: 100 } });
    let updates = 0;
    doc.on('update', () => updates++);
    moveCluster(doc, c, { x: 0, y: 500 });
    expect(updates).toBe(1);
    expect(absolutePos(doc, selectNote(doc, n)!)).toEqual({ x: 50, y: 600 });
    expect(clusterAt(selectClusters(doc), { x: 60, y: 620 })?.id).toBe(c);
  });

  it('reorders with fractional keys', () => {
    const doc = new Y.Doc();
    const [a, b, c] = ['A', 'B', 'C'].map((name) => createCluster(doc, { name, pos: { x: 0, y: 0 }, createdBy: 'f' }));
    reorderCluster(doc, c!, 0);
    expect(selectClusters(doc).map((x) => x.name)).toEqual(['C', 'A', 'B']);
    reorderCluster(doc, c!, 1);
    expect(selectClusters(doc).map((x) => x.name)).toEqual(['A', 'C', 'B']);
    reorderCluster(doc, a!, 99);
    expect(selectClusters(doc).map((x) => x.id)).toEqual([c, b, a]);
  });

  it('merge moves every note into the target, laid out, and marks the source merged', () => {
    const doc = new Y.Doc();
    const src = createCluster(doc, { name: 'Advisory', pos: { x: 0, y: 0 }, createdBy: 'f' });
    const dst = createCluster(doc, { name: 'Community-building', pos: { x: 2000, y: 0 }, createdBy: 'f' });
    const inSrc = [note(doc, 'Daily advisory'), note(doc, 'Advisory mentors'), note(doc, 'Check-ins')];
    const inDst = [note(doc, 'Morning circles')];
    inSrc.forEach((n, i) => assignNote(doc, n, src, { x: 10 + i, y: 80 }));
    assignNote(doc, inDst[0]!, dst, { x: 2010, y: 80 });
    mergeClusters(doc, src, dst);
    const groups = notesByCluster(doc);
    expect(groups.get(dst)!.map((n) => n.text).sort()).toEqual(['Advisory mentors', 'Check-ins', 'Daily advisory', 'Morning circles']);
    expect(groups.has(src)).toBe(false);
    expect(selectCluster(doc, src)).toMatchObject({ deleted: true, mergedInto: dst });
    // No two notes overlap inside the target.
    const spots = groups.get(dst)!.map((n) => `${n.pos.x},${n.pos.y}`);
    expect(new Set(spots).size).toBe(4);
    expect(selectCluster(doc, dst)!.size.h).toBeGreaterThanOrEqual(Math.max(...groups.get(dst)!.map((n) => n.pos.y)) + NOTE_HEIGHT);
  });

  it('delete sends its notes back to unsorted where they were on screen, never lost', () => {
    const doc = new Y.Doc();
    const c = createCluster(doc, { name: 'Regroup students', pos: { x: 500, y: 500 }, createdBy: 'f' });
    const n = note(doc, 'Flexible groups');
    assignNote(doc, n, c, { x: 520, y: 600 });
    deleteCluster(doc, c);
    expect(selectNote(doc, n)).toMatchObject({ clusterId: '', pos: { x: 520, y: 600 } });
    expect(selectClusters(doc)).toEqual([]);
    expect(selectClusters(doc, true)).toHaveLength(1);
    expect(selectNotes(doc)).toHaveLength(1);
  });

  it('counts notes per category and per team inside each', () => {
    const doc = new Y.Doc();
    const c = createCluster(doc, { name: 'Staff belonging', pos: { x: 0, y: 0 }, createdBy: 'f' });
    const ns = [note(doc, 'a', 0, 0, 'mpusd'), note(doc, 'b', 0, 0, 'mpusd'), note(doc, 'c', 0, 0, 'lbusd'), note(doc, 'd', 0, 0, '')];
    ns.slice(0, 3).forEach((n) => assignNote(doc, n, c, { x: 10, y: 80 }));
    const counts = clusterCounts(doc);
    expect(counts.get(c)).toEqual({ total: 3, byTeam: { mpusd: 2, lbusd: 1 } });
    expect(counts.get('')).toEqual({ total: 1, byTeam: { '': 1 } });
  });

  it('grid slots never overlap and start below the title bar', () => {
    const slots = gridSlots({ w: 640, h: 440 }, 7);
    expect(new Set(slots.map((s) => `${s.x},${s.y}`)).size).toBe(7);
    expect(Math.min(...slots.map((s) => s.y))).toBeGreaterThan(0);
  });
});

describe('concurrent sorting converges', () => {
  function sync(docs: Y.Doc[]) {
    for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  }

  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('seed %i: three people move the same notes into different categories', (seed) => {
    const rng = seeded(seed);
    const rand = rng.next;
    const base = new Y.Doc();
    const cats = ['Co-design', 'Policies', 'Belonging', 'Grading'].map((name, i) =>
      createCluster(base, { name, pos: { x: i * 800, y: 0 }, createdBy: 'f' }));
    const notes = Array.from({ length: 8 }, (_, i) => note(base, `idea ${i}`));
    const docs = [0, 1, 2].map(() => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
      return d;
    });
    for (let round = 0; round < 30; round++) {
      for (const d of docs) {
        const n = notes[Math.floor(rand() * notes.length)]!;
        const r = rand();
        if (r < 0.8) assignNote(d, n, cats[Math.floor(rand() * cats.length)]!, { x: Math.floor(rand() * 3000), y: 100 });
        else if (r < 0.9) assignNote(d, n, '', { x: 0, y: 0 });
        else if (r < 0.95) mergeClusters(d, cats[Math.floor(rand() * 4)]!, cats[Math.floor(rand() * 4)]!);
        else deleteCluster(d, cats[Math.floor(rand() * 4)]!);
      }
      if (rand() < 0.3) sync(docs);
    }
    sync(docs);
    const views = docs.map((d) => [...notesByCluster(d)].map(([k, ns]) => [k, ns.map((n) => n.id).sort()]));
    expect(views[1], `seed ${seed}`).toEqual(views[0]);
    expect(views[2], `seed ${seed}`).toEqual(views[0]);
    // Every note is in exactly one group.
    const placed = views[0]!.flatMap(([, ids]) => ids as string[]).sort();
    expect(placed).toEqual([...notes].sort());
  });
});
