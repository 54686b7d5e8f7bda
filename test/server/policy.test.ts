import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { addNote, deleteNote, editNote, moveNote, recolorNote, selectNotes } from '../../shared/notes.js';
import { getMeta, getNotes } from '../../shared/schema.js';
import { CLOSE, MSG_AWARENESS, MSG_SYNC, SYNC_UPDATE } from '../../shared/protocol.js';
import { message, rawWithDoc } from '../helpers/raw.js';
import {
  brainstormBoard, command, connectClient, join, startTestServer, waitFor, waitSynced,
  type Client, type Participant, type TestBoard,
} from '../helpers/server.js';
import { storedDoc } from '../helpers/stored.js';

describe('the server enforces the roles table against raw protocol clients', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let board: TestBoard;
  let ana: Participant;
  let ben: Participant;
  let watcher: Client; // an honest facilitator client that must never see a refused change
  let anaNote: string;

  const storedState = async () => {
    await srv.hub.drain();
    const loaded = await srv.store.load(board.id as never);
    const doc = storedDoc(loaded!);
    return { notes: selectNotes(doc), meta: getMeta(doc).toJSON() };
  };

  /** Send a change from a raw socket with `token`; expect 4403, and nothing changed anywhere. */
  async function expectRefused(token: string, change: (doc: Y.Doc) => void, reason?: RegExp, code: number = CLOSE.FORBIDDEN) {
    const before = await storedState();
    const watcherBefore = Y.encodeStateAsUpdate(watcher.doc);
    const rejectedBefore = srv.stats.rejectedWrites;
    const raw = await rawWithDoc(srv.wsUrl, board.id, token);
    raw.change(change);
    const closed = await raw.closed;
    expect(closed.code).toBe(code);
    if (reason) expect(closed.reason).toMatch(reason);
    expect(srv.stats.rejectedWrites).toBe(rejectedBefore + (code === CLOSE.FORBIDDEN ? 1 : 0));
    expect(await storedState()).toEqual(before);
    // Give a stray broadcast time to arrive, then check the honest client saw nothing.
    await new Promise((r) => setTimeout(r, 50));
    expect(Buffer.from(Y.encodeStateAsUpdate(watcher.doc))).toEqual(Buffer.from(watcherBefore));
    expect(watcher.provider.wsconnected).toBe(true);
  }

  /** Same, but the change must be accepted and reach the watcher. */
  async function expectAccepted(token: string, change: (doc: Y.Doc) => void, seen: () => boolean) {
    const raw = await rawWithDoc(srv.wsUrl, board.id, token);
    raw.change(change);
    await waitFor(seen, 'accepted change reaches the watcher');
    raw.ws.close();
  }

  beforeAll(async () => {
    srv = await startTestServer();
    board = await brainstormBoard(srv.url, 'MPUSD: How might we engage students?');
    await command(srv.url, board, { type: 'setTeams', teams: [{ id: 'mpusd', name: 'Monterey Peninsula' }, { id: 'mastery', name: 'Mastery' }] });
    ana = await join(srv.url, board.joinCode, 'Ana', 'mpusd');
    ben = await join(srv.url, board.joinCode, 'Ben', 'mastery');
    watcher = connectClient(srv.wsUrl, board);
    await waitSynced(watcher);
    const a = connectClient(srv.wsUrl, board, { token: ana.token });
    await waitSynced(a);
    anaNote = addNote(a.doc, { text: 'Student advisory councils', pos: { x: 0, y: 0 }, author: ana.id, authorName: ana.name, team: ana.team });
    await waitFor(() => selectNotes(watcher.doc).length === 1, 'ana note reaches watcher');
    a.destroy();
  });
  afterAll(async () => {
    watcher.destroy();
    await srv.cleanup();
  });

  it('a participant may post, edit and move their own note', async () => {
    await expectAccepted(ben.token, (d) => addNote(d, { text: 'Peer tutoring', pos: { x: 200, y: 0 }, author: ben.id, authorName: ben.name, team: ben.team }),
      () => selectNotes(watcher.doc).some((n) => n.text === 'Peer tutoring'));
    const benNote = selectNotes(watcher.doc).find((n) => n.text === 'Peer tutoring')!.id;
    await expectAccepted(ben.token, (d) => { editNote(d, benNote, 'Peer tutoring after school'); moveNote(d, benNote, { x: 220, y: 40 }); },
      () => selectNotes(watcher.doc).some((n) => n.text === 'Peer tutoring after school' && n.pos.x === 220));
  });

  it('a projector token sending any update is refused', async () => {
    await expectRefused(board.projectorToken, (d) =>
      addNote(d, { text: 'from the projector', pos: { x: 0, y: 0 }, author: 'projector', authorName: '' }), /read-only/);
  });

  it.each([
    ['editing', (id: string) => (d: Y.Doc) => editNote(d, id, 'hijacked')],
    ['recoloring', (id: string) => (d: Y.Doc) => recolorNote(d, id, 'purple')],
    ['deleting', (id: string) => (d: Y.Doc) => deleteNote(d, id)],
    ['moving (outside the cluster phase)', (id: string) => (d: Y.Doc) => moveNote(d, id, { x: 999, y: 999 })],
    ['rewriting the author of', (id: string) => (d: Y.Doc) => getNotes(d).get(id)!.set('author', 'someone')],
  ])('a participant %s another participant\'s note is refused', async (_n, make) => {
    await expectRefused(ben.token, make(anaNote));
  });

  it.each([
    ['a forged author', () => ({ author: ana.id, team: ben.team })],
    ['a forged team', () => ({ author: ben.id, team: 'mpusd' })],
  ])('a participant posting a note with %s is refused', async (_n, who) => {
    await expectRefused(ben.token, (d) => addNote(d, { text: 'forged', pos: { x: 0, y: 0 }, authorName: 'x', ...who() }));
  });

  it.each([
    ['phase', 'vote'],
    ['locked', true],
    ['title', 'Renamed by a student'],
    ['teams', []],
  ])('a participant writing board meta (%s) is refused', async (key, value) => {
    await expectRefused(ben.token, (d) => getMeta(d).set(key, value), /facilitator/);
  });

  it('a participant writing outside the schema is refused', async () => {
    await expectRefused(ben.token, (d) => d.getMap('evil').set('x', 1), /unknown part/, CLOSE.MALFORMED);
    await expectRefused(ben.token, (d) => d.getArray('notes-array').push([1]), undefined, CLOSE.MALFORMED);
    await expectRefused(ben.token, (d) => getNotes(d).get(anaNote)!.set('€'.repeat(40), 1), /unknown note field/, CLOSE.MALFORMED);
  });

  it('moving others\' notes is allowed in the cluster phase only, and nothing is allowed when locked', async () => {
    await command(srv.url, board, { type: 'setPhase', phase: 'cluster' });
    await waitFor(() => getMeta(watcher.doc).get('phase') === 'cluster', 'phase reaches the watcher');
    await expectAccepted(ben.token, (d) => moveNote(d, anaNote, { x: 640, y: 320 }),
      () => selectNotes(watcher.doc).find((n) => n.id === anaNote)?.pos.x === 640);
    await expectRefused(ben.token, (d) => editNote(d, anaNote, 'still not yours'));
    await command(srv.url, board, { type: 'setLocked', locked: true });
    await waitFor(() => getMeta(watcher.doc).get('locked') === true, 'lock reaches the watcher');
    await expectRefused(ben.token, (d) => moveNote(d, anaNote, { x: 0, y: 0 }), /locked/);
    await command(srv.url, board, { type: 'setLocked', locked: false });
    await command(srv.url, board, { type: 'setPhase', phase: 'vote' });
    await waitFor(() => getMeta(watcher.doc).get('phase') === 'vote', 'vote phase reaches the watcher');
    await expectRefused(ana.token, (d) => addNote(d, { text: 'late idea', pos: { x: 0, y: 0 }, author: ana.id, authorName: ana.name, team: ana.team }), /vote phase/);
    await command(srv.url, board, { type: 'setPhase', phase: 'brainstorm' });
  });

  it('only the facilitator can run commands', async () => {
    await expect(command(srv.url, board, { type: 'setPhase', phase: 'plan' }, ana.token)).rejects.toMatchObject({ status: 403 });
    await expect(command(srv.url, board, { type: 'setPhase', phase: 'plan' }, board.projectorToken)).rejects.toMatchObject({ status: 403 });
    await expect(command(srv.url, board, { type: 'setPhase', phase: 'nonsense' })).rejects.toMatchObject({ status: 400 });
    expect(getMeta(watcher.doc).get('phase')).toBe('brainstorm');
  });

  it('presence carries the identity from the token, whatever the client claims', async () => {
    const raw = await rawWithDoc(srv.wsUrl, board.id, ben.token);
    const fake = new Y.Doc();
    const aw = new awarenessProtocol.Awareness(fake);
    aw.setLocalState({ user: { id: 'facilitator', name: 'The Facilitator', color: '#ff0000', role: 'facilitator', team: 'mpusd' }, cursor: { x: 1, y: 2 } });
    raw.send(message([MSG_AWARENESS], awarenessProtocol.encodeAwarenessUpdate(aw, [fake.clientID])));
    await waitFor(() => watcher.provider.awareness.getStates().has(fake.clientID), 'presence reaches the watcher');
    const state = watcher.provider.awareness.getStates().get(fake.clientID) as { user: Record<string, unknown>; cursor: unknown };
    expect(state.user).toEqual({ id: ben.id, name: 'Ben', color: '#ff0000', role: 'participant', team: 'mastery' });
    expect(state.cursor).toEqual({ x: 1, y: 2 });
    // Another socket cannot speak for that client id.
    const imposter = await rawWithDoc(srv.wsUrl, board.id, ana.token);
    aw.setLocalState({ user: { name: 'Ana pretending' }, cursor: null });
    imposter.send(message([MSG_AWARENESS], awarenessProtocol.encodeAwarenessUpdate(aw, [fake.clientID])));
    await new Promise((r) => setTimeout(r, 100));
    expect((watcher.provider.awareness.getStates().get(fake.clientID) as { user: { name: string } }).user.name).toBe('Ben');
    raw.ws.close();
    imposter.ws.close();
    aw.destroy();
  });

  it('projector presence never reaches anyone', async () => {
    const proj = await rawWithDoc(srv.wsUrl, board.id, board.projectorToken);
    const fake = new Y.Doc();
    const aw = new awarenessProtocol.Awareness(fake);
    aw.setLocalState({ user: { name: 'Projector' }, cursor: null });
    proj.send(message([MSG_AWARENESS], awarenessProtocol.encodeAwarenessUpdate(aw, [fake.clientID])));
    await new Promise((r) => setTimeout(r, 100));
    expect(watcher.provider.awareness.getStates().has(fake.clientID)).toBe(false);
    expect(proj.ws.readyState).toBe(proj.ws.OPEN);
    proj.ws.close();
    aw.destroy();
  });

  it('a removed participant is disconnected at once and their token is refused', async () => {
    const carl = await join(srv.url, board.joinCode, 'Carl', 'mpusd');
    const c = connectClient(srv.wsUrl, board, { token: carl.token });
    await waitSynced(c);
    const closed = new Promise<{ code: number }>((r) => c.provider.on('closed', (e: { code: number }) => r(e)));
    await command(srv.url, board, { type: 'removeParticipant', participantId: carl.id });
    expect((await closed).code).toBe(CLOSE.REMOVED);
    c.destroy();
    const again = await rawWithDoc(srv.wsUrl, board.id, carl.token).catch(() => null);
    expect(again).toBeNull();
    const res = await fetch(`${srv.url}/api/boards/${board.id}/session`, { headers: { authorization: `Bearer ${carl.token}` } });
    expect(res.status).toBe(403);
  });

  it('rotating the join code stops the old one', async () => {
    const old = board.joinCode;
    const { joinCode } = (await command(srv.url, board, { type: 'rotateJoinCode' })) as { joinCode: string };
    expect(joinCode).not.toBe(old);
    expect((await fetch(`${srv.url}/api/join/${old}`)).status).toBe(404);
    expect((await fetch(`${srv.url}/api/join/${joinCode}`)).status).toBe(200);
    board = { ...board, joinCode };
  });

  it('a participant re-sending the board it has (others\' notes included) changes nothing and is not refused; a forged note in it still is', async () => {
    const raw = await rawWithDoc(srv.wsUrl, board.id, ben.token);
    // Everything Ben knows, sent back as one update (what an offline copy loaded after connecting does).
    raw.send(message([MSG_SYNC, SYNC_UPDATE], Y.encodeStateAsUpdate(raw.doc)));
    await new Promise((r) => setTimeout(r, 100));
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    raw.ws.close();
    // The same copy with a note "by Ana" added is refused as before.
    const forger = await rawWithDoc(srv.wsUrl, board.id, ben.token);
    addNote(forger.doc, { text: 'forged', pos: { x: 1, y: 1 }, author: ana.id, authorName: ana.name, team: ana.team });
    forger.send(message([MSG_SYNC, SYNC_UPDATE], Y.encodeStateAsUpdate(forger.doc)));
    expect((await forger.closed).code).toBe(CLOSE.FORBIDDEN);
    expect(selectNotes(watcher.doc).some((n) => n.text === 'forged')).toBe(false);
  });

  it('sync step 2 of a participant that merely knows about others\' deletions is accepted', async () => {
    const w = connectClient(srv.wsUrl, board);
    await waitSynced(w);
    const tmp = addNote(w.doc, { text: 'to be deleted by the facilitator', pos: { x: 0, y: 0 }, author: 'facilitator', authorName: 'F' });
    await waitFor(() => selectNotes(watcher.doc).some((n) => n.id === tmp), 'tmp note');
    deleteNote(w.doc, tmp);
    await waitFor(() => !selectNotes(watcher.doc).some((n) => n.id === tmp), 'tmp note deleted');
    // Ben reconnects with a full copy (including that deletion): his step 2 carries the whole delete set.
    const b = connectClient(srv.wsUrl, board, { token: ben.token });
    await waitSynced(b);
    b.provider.disconnect();
    b.provider.connect();
    await waitSynced(b);
    await new Promise((r) => setTimeout(r, 100));
    expect(b.provider.wsconnected).toBe(true);
    b.destroy();
    w.destroy();
  });
});

describe('joining by code', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let board: TestBoard;
  beforeAll(async () => {
    srv = await startTestServer();
    board = await brainstormBoard(srv.url);
  });
  afterAll(async () => srv.cleanup());

  it('accepts codes typed loosely (case, spaces, dash)', async () => {
    const loose = `${board.joinCode.slice(0, 3).toLowerCase()}-${board.joinCode.slice(3)}`;
    const res = await fetch(`${srv.url}/api/join/${encodeURIComponent(loose)}`);
    expect(res.status).toBe(200);
  });

  it('display names come from the join (trimmed, or a friendly default) and teams must exist', async () => {
    const p = await join(srv.url, board.joinCode, '  Dana  ');
    expect(p.name).toBe('Dana');
    const anon = await join(srv.url, board.joinCode, '');
    expect(anon.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    const res = await fetch(`${srv.url}/api/join/${board.joinCode}`, { method: 'POST', body: JSON.stringify({ team: 'nope' }) });
    expect(res.status).toBe(400);
  });

  it('a class of 40 behind one address joins at once; wrong guesses from it are throttled', async () => {
    const joined = await Promise.all(Array.from({ length: 40 }, (_, i) => join(srv.url, board.joinCode, `Student ${i}`)));
    expect(new Set(joined.map((p) => p.id)).size).toBe(40);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await fetch(`${srv.url}/api/join/AAAAAA`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Even while throttled, the right code is refused too (no oracle), until the bucket refills.
    expect((await fetch(`${srv.url}/api/join/${board.joinCode}`)).status).toBe(429);
  });
});
