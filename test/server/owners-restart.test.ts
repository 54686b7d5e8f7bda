/**
 * Who writes under a Yjs client id is stored with the changes that claimed it: after a restart,
 * another participant still cannot take someone's next clocks (see policy-forged.test.ts).
 */
import { join as joinPath } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addNote, editNote, selectNotes } from '../../shared/notes.js';
import { CLOSE, MSG_SAVED } from '../../shared/protocol.js';
import { rawWithDoc } from '../helpers/raw.js';
import { brainstormBoard, join, startTestServer, tempDir, waitFor } from '../helpers/server.js';

describe('client-id ownership', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('holds after a restart', async () => {
    const dataPath = joinPath(tmp.dir, 'owners.db');
    const first = await startTestServer({ dataPath });
    const board = await brainstormBoard(first.url);
    const ana = await join(first.url, board.joinCode, 'Ana');
    const ben = await join(first.url, board.joinCode, 'Ben');
    const a = await rawWithDoc(first.wsUrl, board.id, ana.token);
    const anaClient = a.doc.clientID;
    a.change((doc) => addNote(doc, { text: 'Ana\'s idea', pos: { x: 0, y: 0 }, author: ana.id, authorName: 'Ana' }));
    await waitFor(() => a.received.some((m) => m[0] === MSG_SAVED), 'Ana\'s change stored');
    a.ws.close();
    await first.close();

    const second = await startTestServer({ dataPath });
    try {
      // Ben's client adds his own note (which he may) under Ana's client id: refused, as it would
      // be before the restart (it would take Ana's next clocks).
      const b = await rawWithDoc(second.wsUrl, board.id, ben.token);
      b.doc.clientID = anaClient;
      b.change((doc) => addNote(doc, { text: 'Ben\'s idea', pos: { x: 0, y: 0 }, author: ben.id, authorName: 'Ben' }));
      const outcome = await Promise.race([
        b.closed,
        waitFor(() => b.received.some((m) => m[0] === MSG_SAVED), 'stored or refused').then(() => ({ code: 0, reason: 'stored' })),
      ]);
      expect(outcome.code).toBe(CLOSE.FORBIDDEN);
      expect(outcome.reason).toContain('client id');
      // Ana, back under her own id, goes on writing.
      const a2 = await rawWithDoc(second.wsUrl, board.id, ana.token);
      a2.doc.clientID = anaClient;
      a2.change((doc) => editNote(doc, selectNotes(doc)[0]!.id, 'Ana\'s idea, refined'));
      await waitFor(() => a2.received.some((m) => m[0] === MSG_SAVED), 'Ana\'s edit stored');
      a2.ws.close();
    } finally {
      await second.cleanup();
    }
  });
});
