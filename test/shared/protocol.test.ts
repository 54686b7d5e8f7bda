import { afterAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { messageAuth, messageAwareness, messageQueryAwareness, messageSync } from 'y-websocket';
import {
  CLOSE, MSG_AUTH, MSG_AWARENESS, MSG_QUERY_AWARENESS, MSG_SAVED, MSG_SYNC, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE,
  carriesUpdate, encodeSaved, readSaved,
} from '../../shared/protocol.js';
import { addNote } from '../../shared/notes.js';

describe('message type numbers', () => {
  // The provider is y-websocket's own: if these drift apart, clients and server stop understanding each other.
  it.each([
    ['MSG_SYNC', MSG_SYNC, messageSync],
    ['MSG_AWARENESS', MSG_AWARENESS, messageAwareness],
    ['MSG_AUTH', MSG_AUTH, messageAuth],
    ['MSG_QUERY_AWARENESS', MSG_QUERY_AWARENESS, messageQueryAwareness],
    ['SYNC_STEP1', SYNC_STEP1, syncProtocol.messageYjsSyncStep1],
    ['SYNC_STEP2', SYNC_STEP2, syncProtocol.messageYjsSyncStep2],
    ['SYNC_UPDATE', SYNC_UPDATE, syncProtocol.messageYjsUpdate],
  ])('%s matches y-websocket / y-protocols', (_name, ours, theirs) => {
    expect(ours).toBe(theirs);
  });

  it('MSG_SAVED collides with no standard type and fits in one varUint byte', () => {
    expect([MSG_SYNC, MSG_AWARENESS, MSG_AUTH, MSG_QUERY_AWARENESS]).not.toContain(MSG_SAVED);
    expect(MSG_SAVED).toBeLessThan(128);
  });
});

describe('CLOSE codes', () => {
  it('are unique', () => {
    const codes = Object.values(CLOSE);
    expect(new Set(codes).size).toBe(codes.length);
  });

  // y-websocket's provider stops reconnecting on 4400–4499 and retries on anything else.
  it.each(Object.entries(CLOSE))('%s (%i) is in the application range 4400–4599', (_name, code) => {
    expect(code).toBeGreaterThanOrEqual(4400);
    expect(code).toBeLessThan(4600);
  });

  const permanence: [keyof typeof CLOSE, boolean][] = [
    ['MALFORMED', true],
    ['UNAUTHORIZED', true],
    ['VERSION', true],
    ['FORBIDDEN', true],
    ['NOT_FOUND', true],
    ['EPOCH', true],
    ['REMOVED', true],
    ['TOO_LARGE', true],
    ['NOT_BINARY', true],
    ['TOO_NEW', true],
    ['UNAVAILABLE', false],
    ['SHUTDOWN', false],
    ['SLOW', false],
    ['BOARD_FULL', false],
    ['RATE_LIMITED', false],
  ];

  it('every code is classified below (a new code must decide whether clients retry)', () => {
    expect(permanence.map(([name]) => name).sort()).toEqual(Object.keys(CLOSE).sort());
  });

  it.each(permanence)('%s is permanent: %s', (name, permanent) => {
    expect(CLOSE[name] < 4500).toBe(permanent);
  });
});

describe('encodeSaved / readSaved', () => {
  it.each([
    0, 1, 127, 128, 255, 16_383, 16_384, 1_000_000,
    2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 7, Number.MAX_SAFE_INTEGER,
  ])('round-trips %i', (count) => {
    const d = decoding.createDecoder(encodeSaved(count));
    expect(decoding.readVarUint(d)).toBe(MSG_SAVED);
    expect(readSaved(d)).toBe(count);
    expect(decoding.hasContent(d)).toBe(false);
  });

  it('starts with the MSG_SAVED type byte and grows with the count', () => {
    expect(Array.from(encodeSaved(5))).toEqual([MSG_SAVED, 5]);
    expect(encodeSaved(128)).toHaveLength(3);
  });

  it('is not mistaken for a content-carrying message', () => {
    expect(carriesUpdate(encodeSaved(SYNC_UPDATE))).toBe(false);
  });

  it('readSaved throws on a truncated count instead of inventing one', () => {
    const truncated = encodeSaved(1_000_000).slice(0, 2);
    const d = decoding.createDecoder(truncated);
    decoding.readVarUint(d);
    expect(() => readSaved(d)).toThrow();
  });
});

describe('carriesUpdate', () => {
  const doc = new Y.Doc();
  addNote(doc, { text: 'x'.repeat(500), pos: { x: 1, y: 2 }, author: 'p1', authorName: 'Ana', now: 1 });

  const build = (write: (e: encoding.Encoder) => void): Uint8Array => {
    const e = encoding.createEncoder();
    write(e);
    return encoding.toUint8Array(e);
  };
  const sync = (write: (e: encoding.Encoder) => void) => build((e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    write(e);
  });
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { id: 'p1', name: 'Ana', color: '#112233' }, cursor: null });
  afterAll(() => awareness.destroy());

  it.each<[string, Uint8Array, boolean]>([
    ['sync step 1', sync((e) => syncProtocol.writeSyncStep1(e, doc)), false],
    ['sync step 2 (full state)', sync((e) => syncProtocol.writeSyncStep2(e, doc)), true],
    ['sync step 2 (nothing missing)', sync((e) => syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(doc))), true],
    ['update', sync((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))), true],
    ['awareness', build((e) => {
      encoding.writeVarUint(e, MSG_AWARENESS);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    }), false],
    ['query awareness', build((e) => encoding.writeVarUint(e, MSG_QUERY_AWARENESS)), false],
    ['auth permission denied', build((e) => {
      encoding.writeVarUint(e, MSG_AUTH);
      authProtocol.writePermissionDenied(e, 'nope');
    }), false],
    ['saved', encodeSaved(3), false],
    ['empty frame', new Uint8Array(0), false],
    ['sync type byte alone', new Uint8Array([MSG_SYNC]), false],
    ['unknown sync sub-type', new Uint8Array([MSG_SYNC, 3, 0]), false],
  ])('%s → %s', (_label, msg, expected) => {
    expect(carriesUpdate(msg)).toBe(expected);
  });

  it('agrees with y-protocols on which sync messages change the document', () => {
    for (const [msg, expected] of [
      [sync((e) => syncProtocol.writeSyncStep1(e, doc)), false],
      [sync((e) => syncProtocol.writeSyncStep2(e, doc)), true],
      [sync((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))), true],
    ] as const) {
      const target = new Y.Doc();
      const d = decoding.createDecoder(msg);
      decoding.readVarUint(d);
      syncProtocol.readSyncMessage(d, encoding.createEncoder(), target, null);
      expect(target.getMap('notes').size > 0).toBe(expected);
      expect(carriesUpdate(msg)).toBe(expected);
    }
  });
});
