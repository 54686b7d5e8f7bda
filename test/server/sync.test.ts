import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { addNote, editNote, moveNote, selectNotes } from '../../shared/notes.js';
import { MSG_AWARENESS, MSG_SAVED, readSaved } from '../../shared/protocol.js';
import { getMeta } from '../../shared/schema.js';
import { message } from '../helpers/raw.js';
import { connectClient, createBoard, startTestServer, waitFor, waitSynced, type Client, type TestBoard } from '../helpers/server.js';

type Srv = Awaited<ReturnType<typeof startTestServer>>;

/** Have `from` send the server a presence state of client `id`, as y-websocket echoes states it received. */
function sendEcho(from: Client, id: number, state: Record<string, unknown>): void {
  const other = new awarenessProtocol.Awareness(new Y.Doc());
  other.clientID = id;
  other.setLocalState(state);
  const echo = awarenessProtocol.encodeAwarenessUpdate(other, [id]);
  other.destroy();
  from.provider.ws!.send(message([MSG_AWARENESS], echo) as Uint8Array<ArrayBuffer>);
}

describe('live sync through the server', () => {
  let srv: Srv;
  const clients: Client[] = [];
  const client = (board: TestBoard, opts: { token?: string; epoch?: string | null } = {}) => {
    const c = connectClient(srv.wsUrl, board, opts);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    srv = await startTestServer();
  });
  /** Two clients on `board`, b with a presence state that a already sees. */
  const presentPair = async (board: TestBoard) => {
    const a = client(board);
    const b = client(board);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    b.provider.awareness.setLocalState({ user: { name: 'b', color: '#123456' }, cursor: { x: 1, y: 1 } });
    await waitFor(() => a.provider.awareness.getStates().has(b.doc.clientID), 'b appears');
    return { a, b };
  };
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await srv.cleanup();
  });

  it('two clients see each other\'s notes, edits and moves', async () => {
    const board = await createBoard(srv.url, 'How might we engage students?');
    const a = client(board);
    const b = client(board);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    expect(getMeta(a.doc).get('title')).toBe('How might we engage students?');

    const id = addNote(a.doc, { text: 'Student advisory councils', pos: { x: 10, y: 20 }, author: 'p1', authorName: 'Ana' });
    await waitFor(() => selectNotes(b.doc).length === 1, 'note reaches b');
    moveNote(b.doc, id, { x: 300, y: 140 });
    editNote(a.doc, id, 'Student advisory councils in every school');
    await waitFor(() => {
      const [na, nb] = [selectNotes(a.doc)[0], selectNotes(b.doc)[0]];
      return na?.pos.x === 300 && nb?.text === 'Student advisory councils in every school';
    }, 'concurrent edit and move to merge');
    expect(selectNotes(a.doc)).toEqual(selectNotes(b.doc));
  });

  it('a client that reconnects reappears in presence at once, not after its renewal', async () => {
    const board = await createBoard(srv.url);
    const { a, b } = await presentPair(board);
    b.provider.disconnect();
    await waitFor(() => !a.provider.awareness.getStates().has(b.doc.clientID), 'b leaves');
    // The stock provider re-sends its state with the clock it already had.
    b.provider.connect();
    await waitFor(() => a.provider.awareness.getStates().has(b.doc.clientID), 'b reappears', 2_000);
    // The server moved b's clock past the removal; b must never be handed that clock back, or it
    // adopts it, echoes it, gets it moved again… a presence storm that ends in a rate-limit close.
    const room = srv.hub.rooms.get(board.id as never)!;
    const clockNow = () => room.awareness.meta.get(b.doc.clientID)!.clock;
    const settled = clockNow();
    await new Promise((r) => setTimeout(r, 300));
    expect(clockNow()).toBe(settled);
    expect(b.provider.awareness.getLocalState()).toEqual({ user: { name: 'b', color: '#123456' }, cursor: { x: 1, y: 1 } });
    // Its next move still reaches the others.
    b.provider.awareness.setLocalStateField('cursor', { x: 5, y: 5 });
    await waitFor(() => (a.provider.awareness.getStates().get(b.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x === 5, 'b moves');
  });

  it('a second tab of the same person does not take over the presence of a tab that closed', async () => {
    const board = await createBoard(srv.url);
    const a = client(board);
    const b = client(board);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    b.provider.awareness.setLocalState({ user: { name: 'b', color: '#123456' }, cursor: { x: 1, y: 1 } });
    a.provider.awareness.setLocalState({ user: { name: 'a', color: '#123456' }, cursor: { x: 2, y: 2 } });
    await waitFor(() => a.provider.awareness.getStates().has(b.doc.clientID), 'b appears');
    const room = srv.hub.rooms.get(board.id as never)!;
    b.destroy();
    await waitFor(() => !room.awareness.getStates().has(b.doc.clientID), 'b leaves');
    // a (the same identity: both tabs hold the facilitator's token) echoes b's last state late.
    sendEcho(a, b.doc.clientID, { user: { name: 'b', color: '#123456' }, cursor: { x: 1, y: 1 } });
    await new Promise((r) => setTimeout(r, 200));
    expect(room.awareness.getStates().has(b.doc.clientID)).toBe(false);
    expect(a.provider.wsconnected).toBe(true);
  });

  it('a tab that never set its own presence cannot bring back a closed tab of the same person by echoing it', async () => {
    const board = await createBoard(srv.url);
    // a only sends the stock clock-0 state, which no peer applies: the server holds no presence of a's.
    const { a, b } = await presentPair(board);
    const room = srv.hub.rooms.get(board.id as never)!;
    expect(room.awareness.getStates().has(a.doc.clientID)).toBe(false);
    b.destroy();
    await waitFor(() => !room.awareness.getStates().has(b.doc.clientID), 'b leaves');
    sendEcho(a, b.doc.clientID, { user: { name: 'b', color: '#123456' }, cursor: { x: 1, y: 1 } });
    // A later message on the same socket: once the server has it, it has handled the echo.
    a.provider.awareness.setLocalState({ user: { name: 'a', color: '#123456' }, cursor: { x: 2, y: 2 } });
    await waitFor(() => room.awareness.getStates().has(a.doc.clientID), 'a speaks for itself');
    expect(room.awareness.getStates().has(b.doc.clientID)).toBe(false);
  });

  it('presence echoes are ignored and free: busy cursors and departures never get an idle client kicked', async () => {
    const board = await createBoard(srv.url);
    const idle = client(board);
    const busy = [client(board), client(board), client(board)];
    await Promise.all([idle, ...busy].map(waitSynced));
    const closes: number[] = [];
    idle.provider.on('connection-close', (e: { code: number } | null) => closes.push(e?.code ?? 0));
    // y-websocket echoes every presence change it receives back to the server.
    for (let i = 0; i < 120; i++) {
      busy.forEach((b, j) => b.provider.awareness.setLocalState({ user: { name: `b${j}` }, cursor: { x: i, y: j } }));
      await new Promise((r) => setTimeout(r, 10));
    }
    busy[0]!.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(closes).toEqual([]);
    expect(idle.provider.wsconnected).toBe(true);
    const room = srv.hub.rooms.get(board.id as never)!;
    // The departed client's removal was not re-applied by echoes with ever-growing clocks.
    const meta = room.awareness.meta.get(busy[0]!.doc.clientID);
    expect(room.awareness.getStates().has(busy[0]!.doc.clientID)).toBe(false);
    expect(meta!.clock).toBeLessThan(130);
  });

  it('a client joining late receives the whole board', async () => {
    const board = await createBoard(srv.url);
    const a = client(board);
    await waitSynced(a);
    for (let i = 0; i < 50; i++) addNote(a.doc, { text: `idea ${i}`, pos: { x: i * 10, y: 0 }, author: 'p1', authorName: 'Ana' });
    await waitFor(() => srv.hub.rooms.get(board.id as never)?.doc.getMap('notes').size === 50, 'server has 50 notes');
    const late = client(board);
    await waitSynced(late);
    expect(selectNotes(late.doc)).toEqual(selectNotes(a.doc));
  });

  it('acknowledges updates only after they are stored', async () => {
    const board = await createBoard(srv.url);
    const a = client(board);
    await waitSynced(a);
    const saved: number[] = [];
    a.provider.messageHandlers[MSG_SAVED] = (_enc, dec: decoding.Decoder) => saved.push(readSaved(dec));
    addNote(a.doc, { text: 'Revise policies', pos: { x: 0, y: 0 }, author: 'p1', authorName: 'Ana' });
    addNote(a.doc, { text: 'Co-design with students', pos: { x: 0, y: 0 }, author: 'p1', authorName: 'Ana' });
    // step2 on connect + two updates = 3 update-carrying messages
    await waitFor(() => saved.at(-1) === 3, 'saved count reaches 3');
    const stored = await srv.store.load(board.id as never);
    const n = stored!.updates.length;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(saved).toEqual([...saved].sort((x, y) => x - y));
  });

  it('refuses a token for another board, and a deleted board, with clear closes and creates nothing', async () => {
    const board = await createBoard(srv.url);
    const other = { ...board, id: '23456789abcd' };
    const c = client(other);
    const closed = await new Promise<{ code: number; reason: string }>((r) =>
      c.provider.on('closed', (e: { code: number; reason: string }) => r(e)));
    expect(closed.code).toBe(4401);
    expect(await srv.store.get('23456789abcd' as never)).toBeNull();

    await srv.store.delete(board.id as never);
    const d = client(board);
    const gone = await new Promise<{ code: number; reason: string }>((r) =>
      d.provider.on('closed', (e: { code: number; reason: string }) => r(e)));
    expect(gone.code).toBe(4404);
    expect(gone.reason).toMatch(/not found/);
    expect(await srv.store.get(board.id as never)).toBeNull();
  });

  it('refuses a client whose offline copy belongs to an older epoch of the board', async () => {
    const board = await createBoard(srv.url);
    const c = client(board, { epoch: 'oldepoch00' });
    const closed = await new Promise<{ code: number }>((r) => c.provider.on('closed', (e: { code: number }) => r(e)));
    expect(closed.code).toBe(4409);
  });

  it('unloads an empty board after the idle delay and reloads it intact', async () => {
    const board = await createBoard(srv.url);
    const a = client(board);
    await waitSynced(a);
    addNote(a.doc, { text: 'Peer tutoring', pos: { x: 1, y: 2 }, author: 'p1', authorName: 'Ana' });
    await srv.hub.drain();
    a.destroy();
    await waitFor(() => !srv.hub.rooms.has(board.id as never), 'room unload', 3_000);
    const b = client(board);
    await waitSynced(b);
    expect(selectNotes(b.doc).map((n) => n.text)).toEqual(['Peer tutoring']);
  });
});

describe('presence between flushes', () => {
  let srv: Srv;
  const clients: Client[] = [];
  // A long presence window, so what is held and what is not is far apart in time.
  const WINDOW_MS = 3_000;

  beforeEach(async () => {
    srv = await startTestServer({ presenceIntervalMs: WINDOW_MS });
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await srv.cleanup();
  });

  it('presence alone waits out its window after a flush; a board change takes it along at once', async () => {
    const board = await createBoard(srv.url);
    const [a, b] = [connectClient(srv.wsUrl, board), connectClient(srv.wsUrl, board)];
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const cursorSeenByB = () => (b.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x;

    // A board change is flushed at once; the window for presence starts there.
    addNote(a.doc, { text: 'first', pos: { x: 0, y: 0 }, author: 'p1', authorName: 'Ana' });
    await waitFor(() => selectNotes(b.doc).length === 1, 'note reaches b');
    const t0 = Date.now();
    a.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 });
    await waitFor(() => cursorSeenByB() === 1, 'held cursor reaches b', WINDOW_MS + 5_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(WINDOW_MS - 1_000);

    // Right after that flush, a cursor move followed by a change: the change does not wait, nor does the cursor.
    const t1 = Date.now();
    a.provider.awareness.setLocalStateField('cursor', { x: 2, y: 2 });
    addNote(a.doc, { text: 'second', pos: { x: 10, y: 10 }, author: 'p1', authorName: 'Ana' });
    await waitFor(() => cursorSeenByB() === 2 && selectNotes(b.doc).length === 2, 'cursor and note reach b');
    expect(Date.now() - t1).toBeLessThan(WINDOW_MS / 2);
  });
});
