/**
 * A new client that asks for it (PARAM_COMPRESS) receives a large board compressed; others, and
 * small boards, get the standard sync step 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { BoardId } from '../../shared/ids.js';
import { addNote, selectNotes } from '../../shared/notes.js';
import { MSG_SYNC, MSG_SYNC_DEFLATED, SYNC_STEP1, SYNC_STEP2 } from '../../shared/protocol.js';
import { message, rawClient, type RawClient } from '../helpers/raw.js';
import { brainstormBoard, connectClient, startTestServer, waitFor, waitSynced, type Client, type TestBoard } from '../helpers/server.js';

describe('compressed initial sync', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  const open: Array<RawClient | Client> = [];
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    open.forEach((c) => ('ws' in c ? c.ws.close() : c.destroy()));
    await srv.cleanup();
  });

  async function boardWith(notes: number): Promise<{ board: TestBoard; texts: string[] }> {
    const board = await brainstormBoard(srv.url);
    const f = connectClient(srv.wsUrl, board);
    open.push(f);
    await waitSynced(f);
    f.doc.transact(() => {
      for (let i = 0; i < notes; i++) {
        addNote(f.doc, { text: `Idea ${i}: weekly student voice circles with rotating facilitators and notes`, pos: { x: i, y: i }, author: 'facilitator', authorName: 'Fa' });
      }
    });
    // The notes travel over f's socket: wait until the server has them all.
    await waitFor(() => {
      const room = srv.hub.rooms.get(board.id as BoardId);
      return room !== undefined && selectNotes(room.doc).length === notes;
    }, 'the server to have every note');
    await srv.hub.drain();
    return { board, texts: selectNotes(f.doc).map((n) => n.text).sort() };
  }

  /** Join with an empty state vector and return the first message that answers it. */
  async function join(board: TestBoard, compress: boolean): Promise<Uint8Array> {
    const raw = rawClient(srv.wsUrl, board.id, { token: board.facilitatorToken, compress });
    open.push(raw);
    await raw.opened;
    raw.send(message([MSG_SYNC, SYNC_STEP1], Y.encodeStateVector(new Y.Doc())));
    const answer = () => raw.received.find((m) => m[0] === MSG_SYNC_DEFLATED || (m[0] === MSG_SYNC && m[1] === SYNC_STEP2));
    await waitFor(() => answer() !== undefined, 'the state');
    return answer()!;
  }

  const textsOf = (update: Uint8Array): string[] => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    return selectNotes(doc).map((n) => n.text).sort();
  };

  it('sends a large board compressed to a client that asks, and the same board uncompressed to one that does not', async () => {
    const { board, texts } = await boardWith(400);
    const zipped = await join(board, true);
    expect(zipped[0]).toBe(MSG_SYNC_DEFLATED);
    const d = decoding.createDecoder(zipped);
    decoding.readVarUint(d);
    const state = inflateRawSync(decoding.readVarUint8Array(d));
    expect(textsOf(state)).toEqual(texts);

    const plain = await join(board, false);
    expect(plain[0]).toBe(MSG_SYNC);
    const p = decoding.createDecoder(plain);
    decoding.readVarUint(p);
    decoding.readVarUint(p);
    const plainState = decoding.readVarUint8Array(p);
    expect(textsOf(plainState)).toEqual(texts);
    expect(zipped.length).toBeLessThan(plainState.length / 3);
  });

  it('sends a small board uncompressed even when asked', async () => {
    const { board } = await boardWith(3);
    const answer = await join(board, true);
    expect([answer[0], answer[1]]).toEqual([MSG_SYNC, SYNC_STEP2]);
  });
});
