/**
 * Client updates are applied once per flush, all of a board's in one transaction (Room.settle):
 * each is checked against the document as the ones before it left it, a refused one closes its
 * sender and drops that sender's later updates in the batch, and reading the document (a command,
 * say) applies what is queued first. Real server, real sockets; the flush interval is long
 * enough that messages sent together are certain to share one flush.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, editNote, selectNote, selectNotes } from '../../shared/notes.js';
import { getMeta } from '../../shared/schema.js';
import { CLOSE, MSG_SAVED, MSG_SYNC, SYNC_STEP2, SYNC_UPDATE } from '../../shared/protocol.js';
import type { Conn } from '../../server/connection.js';
import { message, rawWithDoc, type RawClient } from '../helpers/raw.js';
import {
  brainstormBoard, command, connectClient, join, startTestServer, waitFor, waitSynced,
  type Participant, type TestBoard,
} from '../helpers/server.js';
import { storedDoc } from '../helpers/stored.js';

/** Shortest time between two flushes: what the server receives within it is applied together. */
const FLUSH_MS = 300;

type Raw = Awaited<ReturnType<typeof rawWithDoc>>;

const saves = (raw: RawClient): number => raw.received.filter((m) => m[0] === MSG_SAVED).length;
const isDocUpdate = (m: Uint8Array): boolean => m[0] === MSG_SYNC && m[1] === SYNC_UPDATE;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a flush applies its client updates together, in order, each checked against the ones before', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  const cleanups: Array<() => void> = [];

  beforeAll(async () => {
    srv = await startTestServer({ flushIntervalMs: FLUSH_MS });
  });
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  afterAll(async () => srv.cleanup());

  const room = (board: TestBoard) => srv.hub.rooms.get(board.id as never)!;
  /** The server's connection of a participant (each has one socket open here). */
  const serverConn = (board: TestBoard, p: Participant): Conn => {
    const conns = [...room(board).conns].filter((c) => c.claims.id === p.id && !c.closed);
    expect(conns).toHaveLength(1);
    return conns[0]!;
  };

  /**
   * A brainstorming board with an honest facilitator client (`watcher`), a raw facilitator socket
   * used to time flushes (`primer`), and raw sockets for Ana and Ben; Ana has posted one note,
   * and both raw documents have it.
   */
  async function setup() {
    const board = await brainstormBoard(srv.url);
    const ana = await join(srv.url, board.joinCode, 'Ana');
    const ben = await join(srv.url, board.joinCode, 'Ben');
    const watcher = connectClient(srv.wsUrl, board);
    cleanups.push(() => watcher.destroy());
    await waitSynced(watcher);
    const raw = async (token: string): Promise<Raw> => {
      const r = await rawWithDoc(srv.wsUrl, board.id, token);
      cleanups.push(() => r.ws.close());
      return r;
    };
    const primer = await raw(board.facilitatorToken);
    const anaRaw = await raw(ana.token);
    let anaNote = '';
    anaRaw.change((d) => { anaNote = addNote(d, { text: 'Student advisory councils', pos: { x: 0, y: 0 }, author: ana.id, authorName: 'Ana' }); });
    await waitFor(() => selectNote(watcher.doc, anaNote) !== null, 'Ana\'s note reaches the watcher');
    const benRaw = await raw(ben.token);
    expect(selectNote(benRaw.doc, anaNote)?.text).toBe('Student advisory councils');

    /**
     * Make the server flush now (an empty update from the primer, acknowledged by that flush):
     * the next flush is then FLUSH_MS away, so what is sent right after is applied by one flush.
     */
    const freshWindow = async (): Promise<void> => {
      const before = saves(primer);
      primer.send(message([MSG_SYNC, SYNC_STEP2], Y.encodeStateAsUpdate(new Y.Doc())));
      await waitFor(() => saves(primer) > before, 'a flush');
    };
    return { board, ana, ben, watcher, anaRaw, benRaw, anaNote, raw, freshWindow };
  }

  it('a refused update in a batch closes only its sender (4403); the other participant\'s update in it is applied, stored and delivered', async () => {
    const { board, ana, ben, watcher, anaRaw, benRaw, anaNote, freshWindow } = await setup();
    const anaConn = serverConn(board, ana);
    const benConn = serverConn(board, ben);
    const rejectedBefore = srv.stats.rejectedWrites;

    await freshWindow();
    const anaMark = anaRaw.received.length;
    // Ben's first (not his note, not the cluster phase), then Ana's: the refusal must not take hers along.
    benRaw.change((d) => editNote(d, anaNote, 'hijacked by Ben'));
    let peer = '';
    anaRaw.change((d) => { peer = addNote(d, { text: 'Peer tutoring', pos: { x: 200, y: 0 }, author: ana.id, authorName: 'Ana' }); });
    await waitFor(() => anaConn.received === 2 && benConn.received === 1, 'both updates received');
    // Both are queued for the same flush: nothing refused or applied yet.
    expect(benRaw.ws.readyState).toBe(benRaw.ws.OPEN);
    expect(selectNote(watcher.doc, peer)).toBeNull();

    const closed = await benRaw.closed;
    expect(closed.code).toBe(CLOSE.FORBIDDEN);
    expect(srv.stats.rejectedWrites).toBe(rejectedBefore + 1);

    await waitFor(() => selectNote(watcher.doc, peer)?.text === 'Peer tutoring', 'Ana\'s note reaches the watcher');
    await waitFor(() => saves(anaRaw) > 1, 'Ana\'s update acknowledged');
    await srv.hub.drain();
    const stored = await srv.store.load(board.id as never);
    for (const doc of [room(board).doc, watcher.doc, storedDoc(stored!)]) {
      expect(selectNotes(doc).map((n) => n.text).sort()).toEqual(['Peer tutoring', 'Student advisory councils']);
    }
    await pause(50); // a stray broadcast of Ben's edit would have arrived by now
    expect(selectNote(watcher.doc, anaNote)?.text).toBe('Student advisory councils');
    // Ana stays, and as the flush's only writer (the refused Ben does not count) gets no echo of her update.
    expect(anaRaw.ws.readyState).toBe(anaRaw.ws.OPEN);
    expect(anaRaw.received.slice(anaMark).filter(isDocUpdate)).toEqual([]);
  });

  it('after a sender\'s update is refused, its later updates in the same batch are dropped, even one allowed on its own', async () => {
    const { board, ben, watcher, benRaw, anaNote, raw, freshWindow } = await setup();
    const benConn = serverConn(board, ben);
    // Ben's second update comes from another document (another client id), so it depends on
    // nothing in the first: on its own it is a plain, allowed post of his own note.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(benRaw.doc));
    const sv = Y.encodeStateVector(other);
    const own = addNote(other, { text: 'Ben\'s own idea', pos: { x: 400, y: 0 }, author: ben.id, authorName: 'Ben' });
    const ownUpdate = Y.encodeStateAsUpdate(other, sv);

    await freshWindow();
    benRaw.change((d) => editNote(d, anaNote, 'hijacked by Ben'));
    benRaw.send(message([MSG_SYNC, SYNC_UPDATE], ownUpdate));
    await waitFor(() => benConn.received === 2, 'both of Ben\'s updates received');
    expect(benRaw.ws.readyState).toBe(benRaw.ws.OPEN);

    expect((await benRaw.closed).code).toBe(CLOSE.FORBIDDEN);
    await srv.hub.drain();
    await pause(50);
    for (const doc of [room(board).doc, watcher.doc]) {
      expect(selectNote(doc, own)).toBeNull();
      expect(selectNote(doc, anaNote)?.text).toBe('Student advisory councils');
    }

    // The same bytes alone, from a new socket of Ben's, are accepted: only the earlier refusal kept them out.
    const again = await raw(ben.token);
    again.send(message([MSG_SYNC, SYNC_UPDATE], ownUpdate));
    await waitFor(() => selectNote(watcher.doc, own)?.text === 'Ben\'s own idea', 'Ben\'s note, sent alone, reaches the watcher');
    expect(again.ws.readyState).toBe(again.ws.OPEN);
  });

  it('updates that build on each other in one batch are all applied, and reading the room\'s document first applies what is queued', async () => {
    const { board, ana, watcher, anaRaw, freshWindow } = await setup();
    const anaConn = serverConn(board, ana);

    await freshWindow();
    let id = '';
    anaRaw.change((d) => { id = addNote(d, { text: 'Mentoring', pos: { x: 0, y: 200 }, author: ana.id, authorName: 'Ana' }); });
    anaRaw.change((d) => editNote(d, id, 'Mentoring: pair each freshman with a senior'));
    await waitFor(() => anaConn.received === 3, 'both updates received');
    // Before the flush: not delivered, yet whoever reads the document sees both, in order.
    expect(selectNote(watcher.doc, id)).toBeNull();
    expect(selectNote(room(board).doc, id)?.text).toBe('Mentoring: pair each freshman with a senior');

    await waitFor(() => selectNote(watcher.doc, id)?.text === 'Mentoring: pair each freshman with a senior', 'the edited note reaches the watcher');
    expect(anaRaw.ws.readyState).toBe(anaRaw.ws.OPEN);
  });

  it('a facilitator command that arrives while updates are queued comes after them: a note posted before the switch to voting is kept', async () => {
    const { board, ana, watcher, anaRaw, freshWindow } = await setup();
    const anaConn = serverConn(board, ana);

    await freshWindow();
    let id = '';
    anaRaw.change((d) => { id = addNote(d, { text: 'Later start times', pos: { x: 0, y: 400 }, author: ana.id, authorName: 'Ana' }); });
    await waitFor(() => anaConn.received === 2, 'Ana\'s update received');
    // The vote phase forbids new notes; Ana's was received while brainstorming and must stand.
    await command(srv.url, board, { type: 'setPhase', phase: 'vote' });
    expect(selectNote(watcher.doc, id)).toBeNull(); // the command ran within the flush window

    await waitFor(() => getMeta(watcher.doc).get('phase') === 'vote', 'the phase reaches the watcher');
    await waitFor(() => selectNote(watcher.doc, id)?.text === 'Later start times', 'Ana\'s note reaches the watcher');
    await pause(50);
    expect(anaRaw.ws.readyState).toBe(anaRaw.ws.OPEN);
    expect(selectNote(room(board).doc, id)?.text).toBe('Later start times');
  });
});
