import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { addNote, selectNotes } from '../../shared/notes.js';
import { selectTimer } from '../../shared/meta.js';
import { CLOSE, MSG_AWARENESS, MSG_SYNC } from '../../shared/protocol.js';
import { remainingMs } from '../../shared/timer.js';
import { rawClient, rawWithDoc, type RawClient } from '../helpers/raw.js';
import { brainstormBoard, command, connectClient, join, startTestServer, waitFor, waitSynced, type Participant, type TestBoard } from '../helpers/server.js';

type Srv = Awaited<ReturnType<typeof startTestServer>>;
const bytesOf = (r: RawClient) => Buffer.concat(r.received.map((m) => Buffer.from(m)));

/** Apply every sync message a raw socket received to a fresh doc: what that client would know. */
function docOf(r: RawClient): Y.Doc {
  const doc = new Y.Doc();
  for (const m of r.received) {
    if (m[0] !== MSG_SYNC) continue;
    const d = decoding.createDecoder(m);
    decoding.readVarUint(d);
    if (decoding.readVarUint(d) !== 0) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
  }
  return doc;
}

/** Awareness client ids and states a raw socket was told about. */
function presenceOf(r: RawClient): Map<number, unknown> {
  const out = new Map<number, unknown>();
  for (const m of r.received) {
    if (m[0] !== MSG_AWARENESS) continue;
    const d = decoding.createDecoder(m);
    decoding.readVarUint(d);
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(u);
    for (let i = 0; i < n; i++) {
      const id = decoding.readVarUint(u);
      decoding.readVarUint(u);
      out.set(id, JSON.parse(decoding.readVarString(u)));
    }
  }
  return out;
}

describe('facilitating a live session', () => {
  let srv: Srv;
  let board: TestBoard;
  let ana: Participant;
  let ben: Participant;

  beforeAll(async () => {
    srv = await startTestServer();
    board = await brainstormBoard(srv.url, 'Co-design workshop');
    ana = await join(srv.url, board.joinCode, 'Zelda Quill');
    ben = await join(srv.url, board.joinCode, 'Ben');
  });
  afterAll(async () => srv.cleanup());

  it('only the facilitator changes phase, timer, lock or modes', async () => {
    for (const body of [
      { type: 'setPhase', phase: 'vote' }, { type: 'timerStart' }, { type: 'setLocked', locked: true },
      { type: 'setSilent', on: true }, { type: 'setAnonymous', on: true }, { type: 'setFollowMe', on: true }, { type: 'revealDrafts' },
    ]) {
      await expect(command(srv.url, board, body, ana.token), body.type).rejects.toMatchObject({ status: 403 });
      await expect(command(srv.url, board, body, board.projectorToken), body.type).rejects.toMatchObject({ status: 403 });
    }
  });

  it('the timer runs on server time: start, pause, add a minute, reset', async () => {
    await command(srv.url, board, { type: 'timerSet', durationMs: 120_000 });
    const started = await command(srv.url, board, { type: 'timerStart' }) as { now: number };
    const room = srv.hub.rooms.get(board.id as never)!;
    let t = selectTimer(room.doc)!;
    expect(t.startedAt).toBe(started.now);
    expect(remainingMs(t, started.now + 30_000)).toBe(90_000);
    const paused = await command(srv.url, board, { type: 'timerPause' }) as { now: number };
    t = selectTimer(room.doc)!;
    expect(t.startedAt).toBeNull();
    const left = t.remainingMs;
    // Exactly the server time that passed between start and pause (not a guess at how fast the machine is).
    expect(left).toBe(120_000 - (paused.now - started.now));
    await command(srv.url, board, { type: 'timerAddMinute' });
    expect(selectTimer(room.doc)!.remainingMs).toBe(left + 60_000);
    await command(srv.url, board, { type: 'timerReset' });
    expect(selectTimer(room.doc)).toMatchObject({ startedAt: null, remainingMs: 120_000 });
    const time = await (await fetch(`${srv.url}/api/time`)).json() as { now: number };
    expect(Math.abs(time.now - Date.now())).toBeLessThan(1_000);
  });

  it('silent brainstorm: a draft reaches no other socket before reveal, and everyone after', async () => {
    const canary = `canary-${Math.random().toString(36).slice(2)}`;
    await command(srv.url, board, { type: 'setSilent', on: true });
    const benSocket = rawClient(srv.wsUrl, board.id, { token: ben.token });
    const projector = rawClient(srv.wsUrl, board.id, { token: board.projectorToken });
    await Promise.all([benSocket.opened, projector.opened]);

    // Ana's client keeps the draft on her device and reports only a count.
    const res = await fetch(`${srv.url}/api/boards/${board.id}/drafts`, {
      method: 'POST', headers: { authorization: `Bearer ${ana.token}` }, body: JSON.stringify({ count: 1 }),
    });
    expect(res.status).toBe(200);
    const counts = await (await fetch(`${srv.url}/api/boards/${board.id}/drafts`, { headers: { authorization: `Bearer ${board.facilitatorToken}` } })).json();
    expect(counts).toEqual({ drafts: [{ id: ana.id, name: 'Zelda Quill', team: '', count: 1 }] });
    expect(JSON.stringify(counts)).not.toContain(canary);
    expect((await fetch(`${srv.url}/api/boards/${board.id}/drafts`, { headers: { authorization: `Bearer ${ben.token}` } })).status).toBe(403);

    // A modified client that posts the draft anyway is refused before anyone sees it.
    const eager = await rawWithDoc(srv.wsUrl, board.id, ana.token);
    eager.change((d) => addNote(d, { text: canary, pos: { x: 0, y: 0 }, author: ana.id, authorName: 'Zelda Quill' }));
    expect((await eager.closed).code).toBe(CLOSE.FORBIDDEN);
    await new Promise((r) => setTimeout(r, 100));
    for (const r of [benSocket, projector]) expect(bytesOf(r).includes(Buffer.from(canary))).toBe(false);

    // Reveal: Ana's client posts its drafts; everyone receives them.
    await command(srv.url, board, { type: 'revealDrafts' });
    const a = connectClient(srv.wsUrl, board, { token: ana.token });
    await waitSynced(a);
    addNote(a.doc, { text: canary, pos: { x: 0, y: 0 }, author: ana.id, authorName: 'Zelda Quill' });
    await waitFor(() => bytesOf(benSocket).includes(Buffer.from(canary)) && bytesOf(projector).includes(Buffer.from(canary)), 'canary after reveal');
    a.destroy();
    benSocket.ws.close();
    projector.ws.close();
  });

  it('anonymous mode: no author name reaches other sockets, by note or by presence', async () => {
    await command(srv.url, board, { type: 'setAnonymous', on: true });
    const a = connectClient(srv.wsUrl, board, { token: ana.token });
    await waitSynced(a);
    // A name already on a note was stripped when the mode went on.
    await waitFor(() => selectNotes(a.doc).every((n) => n.authorName === ''), 'names stripped');
    // Posting with a name is refused; without one it is fine.
    const named = await rawWithDoc(srv.wsUrl, board.id, ana.token);
    named.change((d) => addNote(d, { text: 'named', pos: { x: 0, y: 0 }, author: ana.id, authorName: 'Zelda Quill' }));
    expect((await named.closed).code).toBe(CLOSE.FORBIDDEN);
    const noteId = addNote(a.doc, { text: 'Let students pick advisory topics', pos: { x: 10, y: 10 }, author: ana.id, authorName: '' });

    const recorder = await rawWithDoc(srv.wsUrl, board.id, ben.token);
    a.provider.awareness.setLocalState({ user: { name: 'Zelda Quill', color: '#123456' }, cursor: { x: 10, y: 10 } });
    await waitFor(() => presenceOf(recorder).size > 0, 'presence reaches the recorder');
    await waitFor(() => selectNotes(docOf(recorder)).some((n) => n.id === noteId), 'note reaches the recorder');
    await new Promise((r) => setTimeout(r, 100));

    expect(bytesOf(recorder).includes(Buffer.from('Zelda'))).toBe(false);
    // The side channel: the note's Yjs client id must not be a presence id.
    const presence = presenceOf(recorder);
    expect(presence.has(a.doc.clientID)).toBe(false);
    for (const state of presence.values()) expect(JSON.stringify(state)).not.toContain(ana.id);
    // Ana does not see her own presence come back as a stranger.
    expect([...a.provider.awareness.getStates().keys()]).toEqual([a.doc.clientID]);
    // Echoes of aliased presence are not aliased again: one presence per person, however long it runs.
    const b = connectClient(srv.wsUrl, board, { token: ben.token });
    await waitSynced(b);
    for (let i = 0; i < 20; i++) {
      a.provider.awareness.setLocalState({ user: { name: 'x', color: '#123456' }, cursor: { x: i, y: i } });
      b.provider.awareness.setLocalState({ user: { name: 'y', color: '#123456' }, cursor: { x: i, y: i } });
      await new Promise((r) => setTimeout(r, 15));
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(srv.hub.rooms.get(board.id as never)!.awareness.getStates().size).toBe(2);
    expect(a.provider.awareness.getStates().size).toBe(2);
    b.destroy();
    recorder.ws.close();
    a.destroy();
    // Turning it off restores names in presence for new states.
    await command(srv.url, board, { type: 'setAnonymous', on: false });
  });
});
