/**
 * A modified client can put copies of content the server already has into an update (Yjs skips
 * them when applying). The policy must place new content by the server's own copy: a forged copy
 * that claims another parent must not make an edit of someone else's note look like an edit of
 * one's own.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../shared/migrations.js';
import { setPhase } from '../../shared/meta.js';
import { addNote, editNote, selectNote } from '../../shared/notes.js';
import { getNotes } from '../../shared/schema.js';
import { applyDecodedUpdate, ClientOwners, decodeClientUpdate, ProtocolError } from '../../server/connection.js';

/** Yjs internals the attack needs (a client can build any bytes; these just make them). */
const Yi = Y as unknown as {
  Item: new (...args: unknown[]) => { write(e: unknown, offset: number): void };
  ContentAny: new (arr: unknown[]) => unknown;
  UpdateEncoderV1: new () => { restEncoder: encoding.Encoder; toUint8Array(): Uint8Array };
  GC: new (id: Y.ID, length: number) => { write(e: unknown, offset: number): void };
};
type MapItem = { id: Y.ID; lastId: Y.ID };

describe('policy against forged copies of known content', () => {
  it('an edit of another participant\'s note text, disguised with a copy of that text claiming the sender\'s note as parent, is refused', () => {
    const server = new Y.Doc({ gc: true });
    migrate(server);
    setPhase(server, 'brainstorm');
    const peer = (clientID: number) => {
      const d = new Y.Doc();
      d.clientID = clientID;
      Y.applyUpdate(d, Y.encodeStateAsUpdate(server));
      return d;
    };
    const ana = peer(111);
    const anaNote = addNote(ana, { text: 'Ana\'s idea', pos: { x: 0, y: 0 }, author: 'p-ana', authorName: 'Ana' });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(ana));
    const ben = peer(222);
    const benNote = addNote(ben, { text: 'Ben\'s idea', pos: { x: 0, y: 0 }, author: 'p-ben', authorName: 'Ben' });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(ben, Y.encodeStateVector(server)));
    const benActor = { role: 'participant' as const, id: 'p-ben', team: '' };
    const apply = (u: Uint8Array) => applyDecodedUpdate(server, u, decodeClientUpdate(u)!, benActor);

    // Honestly, Ben cannot edit Ana's note.
    const honest = peer(223);
    const sv = Y.encodeStateVector(honest);
    editNote(honest, anaNote, 'edited by Ben');
    expect(() => apply(Y.encodeStateAsUpdate(honest, sv))).toThrow(ProtocolError);

    // Forged: a copy of Ana's text item that names Ben's note as its parent (the server has that
    // id, so Yjs skips the copy), and a new value whose origin is Ana's text item.
    const notes = getNotes(server) as unknown as { _map: Map<string, MapItem>; get(k: string): { _map: Map<string, MapItem> } };
    const text = notes.get(anaNote)._map.get('text')!;
    const benItem = notes._map.get(benNote)!;
    const copy = new Yi.Item(text.id, null, null, null, null, benItem.id, 'text', new Yi.ContentAny(['copy']));
    const clock = Y.getState(server.store, 222);
    const value = new Yi.Item(Y.createID(222, clock), null, text.lastId, null, null, null, null, new Yi.ContentAny(['HACKED by Ben']));
    const e = new Yi.UpdateEncoderV1();
    encoding.writeVarUint(e.restEncoder, 2);
    encoding.writeVarUint(e.restEncoder, 1);
    encoding.writeVarUint(e.restEncoder, 222);
    encoding.writeVarUint(e.restEncoder, clock);
    value.write(e, 0);
    encoding.writeVarUint(e.restEncoder, 1);
    encoding.writeVarUint(e.restEncoder, 111);
    encoding.writeVarUint(e.restEncoder, text.id.clock);
    copy.write(e, 0);
    encoding.writeVarUint(e.restEncoder, 0); // no deletions
    expect(() => apply(e.toUint8Array())).toThrow(/only the author or the facilitator/);
    expect(selectNote(server, anaNote)?.text).toBe('Ana\'s idea');
    expect(selectNote(server, benNote)?.text).toBe('Ben\'s idea');
  });

  it('nobody can add changes under a Yjs client id someone else writes with (it would take their next clocks)', () => {
    const server = new Y.Doc({ gc: true });
    migrate(server);
    setPhase(server, 'brainstorm');
    const owners = new ClientOwners();
    const actor = (id: string) => ({ role: 'participant' as const, id, team: '' });
    const apply = (u: Uint8Array, id: string) => applyDecodedUpdate(server, u, decodeClientUpdate(u)!, actor(id), owners);
    const ana = new Y.Doc();
    ana.clientID = 111;
    Y.applyUpdate(ana, Y.encodeStateAsUpdate(server));
    const note = addNote(ana, { text: 'v1', pos: { x: 0, y: 0 }, author: 'p-ana', authorName: 'Ana' });
    apply(Y.encodeStateAsUpdate(ana, Y.encodeStateVector(server)), 'p-ana');
    expect(owners.get(111)).toBe('p-ana');

    // Ben claims Ana's next 1,000 clocks with a GC struct (no content, so no field to check).
    const state = Y.getState(server.store, 111);
    const e = new Yi.UpdateEncoderV1();
    encoding.writeVarUint(e.restEncoder, 1);
    encoding.writeVarUint(e.restEncoder, 1);
    encoding.writeVarUint(e.restEncoder, 111);
    encoding.writeVarUint(e.restEncoder, state);
    new Yi.GC(Y.createID(111, state), 1_000).write(e, 0);
    encoding.writeVarUint(e.restEncoder, 0);
    expect(() => apply(e.toUint8Array(), 'p-ben')).toThrow(/another participant's client id/);
    expect(Y.getState(server.store, 111)).toBe(state);

    // Ana's next edit is applied, and a copy of what she wrote may travel with anyone's update.
    const sv = Y.encodeStateVector(server);
    editNote(ana, note, 'v2');
    apply(Y.encodeStateAsUpdate(ana, sv), 'p-ana');
    expect(selectNote(server, note)?.text).toBe('v2');
    const ben = new Y.Doc();
    ben.clientID = 222;
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(server));
    addNote(ben, { text: 'Ben', pos: { x: 0, y: 0 }, author: 'p-ben', authorName: 'Ben' });
    apply(Y.encodeStateAsUpdate(ben), 'p-ben'); // his whole copy, Ana's content included
    expect(owners.get(222)).toBe('p-ben');

    // The same document switched to the facilitator's link keeps writing under its client id.
    const sv2 = Y.encodeStateVector(server);
    editNote(ana, note, 'v3, as facilitator');
    const u = Y.encodeStateAsUpdate(ana, sv2);
    applyDecodedUpdate(server, u, decodeClientUpdate(u)!, { role: 'facilitator', id: 'facilitator', team: '' }, owners);
    expect(selectNote(server, note)?.text).toBe('v3, as facilitator');
    expect(owners.get(111)).toBe('p-ana');
  });
});
