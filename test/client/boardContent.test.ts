/**
 * The client's incremental notes snapshot and its grouping agree with the shared selectors
 * (selectNotes, notesByCluster, clusterCounts) after any mix of local and remote changes.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assignNote, clusterCounts, createCluster, deleteCluster, notesByCluster, selectClusters } from '../../shared/clusters.js';
import { addNote, deleteNote, editNote, moveNote, recolorNote, selectNotes, setNoteHidden } from '../../shared/notes.js';
import { groupNotes } from '../../client/sync/noteGroups.js';
import { NotesStore } from '../../client/sync/useNotes.js';
import { seeded } from '../helpers/seeded.js';

const REMOTE = Symbol('remote');

describe('notes snapshot and groups', () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i: match the shared selectors', (seed) => {
    const rng = seeded(seed);
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    // Their writes arrive as remote updates; ours are local transactions.
    theirs.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) Y.applyUpdate(mine, u, REMOTE);
    });
    mine.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) Y.applyUpdate(theirs, u, REMOTE);
    });
    const store = new NotesStore(mine);
    const cats = [0, 1, 2].map((i) => createCluster(theirs, { name: `c${i}`, pos: { x: i * 900, y: 0 }, createdBy: 'f' }));
    const ids: string[] = [];
    for (let step = 0; step < 120; step++) {
      const doc = rng.chance(0.5) ? mine : theirs;
      const id = ids.length ? rng.pick(ids) : null;
      const r = rng.next();
      if (!id || r < 0.25) ids.push(addNote(doc, { text: `n${step}`, pos: { x: rng.int(0, 3000), y: rng.int(0, 2000) }, author: 'a', authorName: 'A', team: rng.pick(['', 't1', 't2']), now: rng.int(1, 50) }));
      else if (r < 0.4) editNote(doc, id, `edited ${step}`);
      else if (r < 0.5) moveNote(doc, id, { x: rng.int(0, 3000), y: rng.int(0, 2000) });
      else if (r < 0.6) recolorNote(doc, id, rng.pick(['yellow', 'sky', 'green'] as const));
      else if (r < 0.7) setNoteHidden(doc, id, rng.chance(0.5));
      else if (r < 0.85) assignNote(doc, id, rng.chance(0.8) ? rng.pick(cats) : '', { x: rng.int(0, 3000), y: 100 });
      else if (r < 0.95) deleteNote(doc, id);
      else deleteCluster(doc, rng.pick(cats));

      if (rng.chance(0.3)) continue; // several changes before the next read, as within one frame
      const before = new Map(store.getSnapshot().map((n) => [n.id, n]));
      const notes = store.getSnapshot();
      expect(notes).toEqual(selectNotes(mine));
      const { groups, counts } = groupNotes(notes, selectClusters(mine, true));
      expect([...groups]).toEqual([...notesByCluster(mine)]);
      expect([...counts]).toEqual([...clusterCounts(mine)]);
      // Reading again without a change returns the same objects.
      expect(store.getSnapshot()).toBe(notes);
      for (const n of notes) if (before.has(n.id)) expect(before.get(n.id)).toBe(n);
    }
    const last = store.getSnapshot();
    const untouched = last.filter((n) => n.id !== last[0]?.id);
    if (last[0]) editNote(theirs, last[0].id, 'one more change');
    const next = store.getSnapshot();
    expect(next.filter((n) => n.id !== last[0]?.id)).toEqual(untouched);
    next.filter((n) => n.id !== last[0]?.id).forEach((n, i) => expect(n).toBe(untouched[i]));
  });
});
