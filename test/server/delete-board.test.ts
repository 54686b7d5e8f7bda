/**
 * A facilitator deletes a board: everyone on it is disconnected with a reason, nothing of it can
 * be opened or joined again, and soon nothing of it is left in the database or its WAL file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { addNote } from '../../shared/notes.js';
import { CLOSE } from '../../shared/protocol.js';
import type { SqliteStore } from '../../server/storage/sqlite.js';
import { rawClient } from '../helpers/raw.js';
import { brainstormBoard, command, connectClient, createBoard, join, startTestServer, waitFor } from '../helpers/server.js';
import { walEmptied } from '../helpers/stored.js';

const del = (url: string, id: string, token?: string) =>
  fetch(`${url}/api/boards/${id}`, { method: 'DELETE', headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('deleting a board', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(() => srv.cleanup());

  it('only its facilitator can delete it', async () => {
    const board = await createBoard(srv.url, 'Keep me');
    const ana = await join(srv.url, board.joinCode, 'Ana');
    expect((await del(srv.url, board.id)).status).toBe(401);
    expect((await del(srv.url, board.id, ana.token)).status).toBe(403);
    expect((await del(srv.url, board.id, board.projectorToken)).status).toBe(403);
    const other = await createBoard(srv.url, 'Another');
    expect((await del(srv.url, board.id, other.facilitatorToken)).status).toBe(401);
    expect((await del(srv.url, '23456789abcd', board.facilitatorToken)).status).toBe(404);
    expect((await fetch(`${srv.url}/api/boards/${board.id}`)).status).toBe(200);
  });

  it('disconnects everyone on it, and leaves nothing to open, join or read in the file', async () => {
    const board = await brainstormBoard(srv.url, 'Our school');
    const ana = await join(srv.url, board.joinCode, 'Ana Canary-Name', '');
    const canary = `CANARY-${Math.random().toString(36).slice(2, 10)}`;
    const fac = connectClient(srv.wsUrl, board);
    await waitFor(() => fac.provider.synced, 'sync');
    addNote(fac.doc, { text: `${canary} later start on Mondays`, pos: { x: 1, y: 1 }, author: 'facilitator', authorName: '' });
    const store = srv.store as SqliteStore;
    await waitFor(() => (store.db.prepare('SELECT count(*) AS n FROM updates WHERE board_id = ?').get(board.id) as { n: number }).n > 0, 'the note stored');
    const onIt = rawClient(srv.wsUrl, board.id, { token: ana.token, epoch: board.epoch });
    await onIt.opened;

    const res = await del(srv.url, board.id, board.facilitatorToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: true });
    expect(await onIt.closed).toEqual({ code: CLOSE.NOT_FOUND, reason: 'this board was deleted by its facilitator' });
    fac.destroy();

    // Nothing of it can be opened, joined or reconnected to.
    expect((await fetch(`${srv.url}/api/boards/${board.id}`)).status).toBe(404);
    expect((await fetch(`${srv.url}/api/join/${board.joinCode}`)).status).toBe(404);
    expect((await command(srv.url, board, { type: 'setLocked', locked: true }).catch((e: { status: number }) => e)).status).toBe(404);
    const again = rawClient(srv.wsUrl, board.id, { token: ana.token, epoch: board.epoch });
    expect((await again.closed).code).toBe(CLOSE.NOT_FOUND);
    expect(srv.hub.rooms.has(board.id as never)).toBe(false);

    // Nor in the database: no row, and (overwritten, not just freed) no bytes.
    for (const table of ['updates', 'participants', 'votes', 'votes_done', 'client_owners', 'quarantined_updates']) {
      expect(store.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE board_id = ?`).get(board.id), table).toEqual({ n: 0 });
    }
    // The WAL held its pages until the store, idle for a moment, emptied it.
    await waitFor(() => walEmptied(store), 'the WAL emptied');
    const files = Buffer.concat([readFileSync(srv.dataPath), readFileSync(`${srv.dataPath}-wal`)]);
    expect(files.includes(canary)).toBe(false);
    expect(files.includes('Ana Canary-Name')).toBe(false);
  });
});
