import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { addNote, moveNote, selectNotes } from '../../shared/notes.js';
import { kill, spawnServer, type ServerProcess } from '../helpers/process.js';
import { connectClient, createBoard, tempDir, waitFor, waitSynced, type Client } from '../helpers/server.js';

describe('a killed server loses nothing that a client saw', () => {
  const procs: ServerProcess[] = [];
  const clients: Client[] = [];
  const tmp = tempDir();
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await Promise.all(procs.splice(0).map((p) => kill(p)));
  });
  afterAll(() => tmp.cleanup());

  it('SIGKILL after another client saw an update; restart on the same file; the update is there', async () => {
    const env = { CHARRETTE_DATA: join(tmp.dir, 'board.db'), CHARRETTE_STATIC: join(tmp.dir, 'no-client') };
    const first = await spawnServer(env);
    procs.push(first);
    const wsUrl = first.url.replace('http', 'ws') + '/ws';
    const board = await createBoard(first.url, 'MPUSD: staff and student voice');
    const a = connectClient(wsUrl, board);
    const b = connectClient(wsUrl, board);
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const id = addNote(a.doc, { text: 'Design team with students and teachers', pos: { x: 40, y: 40 }, author: 'p1', authorName: 'Ana' });
    moveNote(a.doc, id, { x: 400, y: 220 });
    await waitFor(() => selectNotes(b.doc)[0]?.pos.x === 400, 'b sees the moved note');

    await kill(first, 'SIGKILL');
    a.destroy();
    b.destroy();

    const second = await spawnServer(env);
    procs.push(second);
    const c = connectClient(second.url.replace('http', 'ws') + '/ws', board);
    clients.push(c);
    await waitSynced(c);
    const notes = selectNotes(c.doc);
    expect(notes.map((n) => [n.text, n.pos])).toEqual([['Design team with students and teachers', { x: 400, y: 220 }]]);
  });
});
