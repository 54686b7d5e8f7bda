import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assignNote, createCluster, deleteCluster, mergeClusters, moveCluster, renameCluster, selectClusters } from '../../shared/clusters.js';
import { addNote, selectNotes } from '../../shared/notes.js';
import { getClusters } from '../../shared/schema.js';
import { CLOSE } from '../../shared/protocol.js';
import { rawWithDoc } from '../helpers/raw.js';
import { brainstormBoard, command, connectClient, join, startTestServer, waitFor, waitSynced, type Client, type Participant, type TestBoard } from '../helpers/server.js';

describe('categories under the roles table, enforced by the server', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let board: TestBoard;
  let ana: Participant;
  let ben: Participant;
  let fac: Client;
  let anaNote: string;

  /** Send a change from a raw participant socket; resolve to the close code, or 0 if accepted. */
  async function attempt(token: string, change: (d: Y.Doc) => void): Promise<number> {
    const raw = await rawWithDoc(srv.wsUrl, board.id, token);
    raw.change(change);
    const res = await Promise.race([raw.closed.then((c) => c.code), new Promise<number>((r) => setTimeout(() => r(0), 300))]);
    raw.ws.close();
    return res;
  }

  beforeAll(async () => {
    srv = await startTestServer();
    board = await brainstormBoard(srv.url);
    ana = await join(srv.url, board.joinCode, 'Ana');
    ben = await join(srv.url, board.joinCode, 'Ben');
    fac = connectClient(srv.wsUrl, board);
    await waitSynced(fac);
    const a = connectClient(srv.wsUrl, board, { token: ana.token });
    await waitSynced(a);
    anaNote = addNote(a.doc, { text: 'Mastery-based grading', pos: { x: 0, y: 0 }, author: ana.id, authorName: 'Ana' });
    await waitFor(() => selectNotes(fac.doc).length === 1, 'note');
    a.destroy();
  });
  afterAll(async () => {
    fac.destroy();
    await srv.cleanup();
  });

  it('participants cannot create categories while brainstorming', async () => {
    expect(await attempt(ben.token, (d) => createCluster(d, { name: 'Grading', pos: { x: 0, y: 0 }, createdBy: ben.id }))).toBe(CLOSE.FORBIDDEN);
  });

  it('in the cluster phase participants create, rename and move categories and sort anyone\'s notes', async () => {
    await command(srv.url, board, { type: 'setPhase', phase: 'cluster' });
    await waitFor(() => fac.doc.getMap('meta').get('phase') === 'cluster', 'phase');
    let cat = '';
    expect(await attempt(ben.token, (d) => { cat = createCluster(d, { name: 'Grading', pos: { x: 400, y: 0 }, createdBy: ben.id }); })).toBe(0);
    await waitFor(() => selectClusters(fac.doc).length === 1, 'category reaches the facilitator');
    expect(await attempt(ana.token, (d) => renameCluster(d, cat, 'Revise grading to be mastery-based'))).toBe(0);
    expect(await attempt(ana.token, (d) => moveCluster(d, cat, { x: 600, y: 40 }))).toBe(0);
    expect(await attempt(ben.token, (d) => assignNote(d, anaNote, cat, { x: 620, y: 140 }))).toBe(0);
    await waitFor(() => selectNotes(fac.doc)[0]?.clusterId === cat, 'note sorted into the category');
    expect(selectClusters(fac.doc)[0]).toMatchObject({ name: 'Revise grading to be mastery-based', pos: { x: 600, y: 40 } });
  });

  it('participants cannot delete or merge categories, forge a creator, or change fixed fields', async () => {
    const [cat] = selectClusters(fac.doc);
    const other = createCluster(fac.doc, { name: 'Policies', pos: { x: 0, y: 600 }, createdBy: 'facilitator' });
    await waitFor(() => selectClusters(fac.doc).length === 2 && srv.hub.rooms.get(board.id as never)!.doc.getMap('clusters').size === 2, 'second category stored');
    expect(await attempt(ben.token, (d) => deleteCluster(d, cat!.id))).toBe(CLOSE.FORBIDDEN);
    expect(await attempt(ben.token, (d) => mergeClusters(d, other, cat!.id))).toBe(CLOSE.FORBIDDEN);
    expect(await attempt(ben.token, (d) => getClusters(d).delete(cat!.id))).toBe(CLOSE.FORBIDDEN);
    expect(await attempt(ben.token, (d) => createCluster(d, { name: 'x', pos: { x: 0, y: 0 }, createdBy: ana.id }))).toBe(CLOSE.FORBIDDEN);
    expect(await attempt(ben.token, (d) => getClusters(d).get(cat!.id)!.set('createdBy', ben.id))).toBe(CLOSE.FORBIDDEN);
    expect(await attempt(ben.token, (d) => getClusters(d).get(cat!.id)!.set('size', { w: 1, h: 1 }))).toBe(CLOSE.MALFORMED);
    expect(selectClusters(fac.doc).map((c) => c.name).sort()).toEqual(['Policies', 'Revise grading to be mastery-based']);
  });

  it('the facilitator can merge and delete; notes are never lost', async () => {
    const [a, b] = selectClusters(fac.doc);
    mergeClusters(fac.doc, a!.id, b!.id);
    deleteCluster(fac.doc, b!.id);
    await srv.hub.drain();
    await new Promise((r) => setTimeout(r, 50));
    const server = srv.hub.rooms.get(board.id as never)!.doc;
    expect(selectClusters(server)).toEqual([]);
    expect(selectNotes(server).map((n) => [n.text, n.clusterId])).toEqual([['Mastery-based grading', '']]);
  });
});
