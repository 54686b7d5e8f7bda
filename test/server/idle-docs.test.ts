/**
 * A board nobody changes for a while keeps only its encoded state while people stay connected;
 * joining, presence and catching up are served from it, and the next change or command makes
 * the document live again with nothing lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, selectNotes } from '../../shared/notes.js';
import { selectRules } from '../../shared/meta.js';
import type { BoardId } from '../../shared/ids.js';
import type { Room } from '../../server/room.js';
import { brainstormBoard, command, connectClient, startTestServer, waitFor, waitSynced, type Client } from '../helpers/server.js';

describe('idle board documents', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  const clients: Client[] = [];
  beforeAll(async () => {
    srv = await startTestServer({ docIdleMs: 30 });
  });
  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await srv.cleanup();
  });

  it('are put away, serve joiners, presence and catch-up from the encoded state, and come back on the next change', async () => {
    const board = await brainstormBoard(srv.url);
    const a = connectClient(srv.wsUrl, board);
    clients.push(a);
    await waitSynced(a);
    for (const text of ['Peer tutoring', 'Student design team', 'Family night']) {
      addNote(a.doc, { text, pos: { x: 10, y: 10 }, author: 'facilitator', authorName: 'Fa' });
    }
    const room = srv.hub.rooms.get(board.id as BoardId) as Room;
    // The notes travel over a's socket: wait until the server has them.
    await waitFor(() => selectNotes(room.doc).length === 3, 'the server to have the notes');
    await srv.hub.drain();
    await waitFor(() => !room.isLive, 'the idle document to be put away');

    const b = connectClient(srv.wsUrl, board);
    clients.push(b);
    await waitSynced(b);
    expect(selectNotes(b.doc).map((n) => n.text).sort()).toEqual(['Family night', 'Peer tutoring', 'Student design team']);
    b.provider.awareness.setLocalStateField('cursor', { x: 5, y: 6 });
    await waitFor(() => [...a.provider.awareness.getStates().values()].some((s) => (s as { cursor?: unknown }).cursor !== undefined), 'a sees b\'s cursor');
    expect(room.isLive).toBe(false);

    // Offline edit, then a reconnect: the server answers a's state vector with just the diff.
    a.provider.disconnect();
    addNote(a.doc, { text: 'Written offline', pos: { x: 0, y: 0 }, author: 'facilitator', authorName: 'Fa' });
    a.provider.connect();
    await waitFor(() => selectNotes(b.doc).length === 4, 'b receives the offline note');
    expect(room.isLive).toBe(true);

    await waitFor(() => !room.isLive, 'put away again');
    await command(srv.url, board, { type: 'setPhase', phase: 'cluster' });
    await waitFor(() => selectRules(b.doc).phase === 'cluster' && selectRules(a.doc).phase === 'cluster', 'both see the phase change');
    expect(selectNotes(b.doc)).toHaveLength(4);
  });
});
