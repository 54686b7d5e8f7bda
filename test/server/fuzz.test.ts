/**
 * Fuzz the real server over real sockets: random bytes and mutations of valid messages from
 * several raw sockets holding a participant's token, while two honest y-websocket clients work
 * on the same board. Afterwards the server must be up, the honest clients connected and syncing,
 * and the board exactly what the honest clients wrote.
 *
 * Each fuzz frame is followed by a probe (sync step 1) from the same socket; the server handles a
 * socket's messages in order, so the probe's reply proves the frame was read and accepted, and a
 * close proves it was refused. That paces every socket by the server's own speed (so rate
 * limiting is not the only thing exercised) and counts only frames the server really read.
 *
 * Replay a failure with FUZZ_SEED=<seed printed in the log> (and FUZZ_FRAMES=<n> to run longer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { addNote, deleteNote, editNote, moveNote, recolorNote, selectNote, selectNotes } from '../../shared/notes.js';
import { NOTE_FIELDS, ROOT_META, ROOT_NOTES, type Note } from '../../shared/schema.js';
import { newNoteId } from '../../shared/ids.js';
import { CLOSE, MSG_AWARENESS, MSG_QUERY_AWARENESS, MSG_SYNC, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from '../../shared/protocol.js';
import type { Logger } from '../../server/log.js';
import { message, rawClient, type RawClient } from '../helpers/raw.js';
import { seeded, type Rng } from '../helpers/seeded.js';
import {
  brainstormBoard, connectClient, join, startTestServer, waitFor, waitSynced,
  type Client, type Participant, type TestBoard,
} from '../helpers/server.js';
import { storedDoc } from '../helpers/stored.js';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));
const SOCKETS = 4;
const MAX_RANDOM_FRAME_BYTES = 300;
/** The honest clients drag a note this often during the fuzz (well inside their rate limit). */
const HONEST_DRAG_INTERVAL_MS = 50;
/** A probe neither answered nor followed by a close in this long counts as a stall. */
const PROBE_TIMEOUT_MS = 2_000;
/** Stop fuzzing after this many stalls: the run has failed, and each stall costs a timeout. */
const MAX_STALLS = 3;
/** No single frame may block the server's thread (and this process) for this long. */
const MAX_EVENT_LOOP_DELAY_MS = 2_000;
/** Close codes a hostile frame may earn; anything else (1006, 1011, 4500…) is a finding. */
const EXPECTED_CLOSES: ReadonlySet<number> = new Set([CLOSE.MALFORMED, CLOSE.FORBIDDEN, CLOSE.RATE_LIMITED]);
/** Author of every note in the fuzz material: not the participant, so policy refuses each one. */
const MALLORY = 'mallory-not-a-member';

/** A valid message as type fields and payload, so mutations can respect or break its framing. */
interface Base { name: string; head: number[]; payload: Uint8Array | null }

const frameOf = (b: Base): Uint8Array => message(b.head, b.payload ?? undefined);
const randomBytes = (rng: Rng, n: number): Uint8Array => Uint8Array.from({ length: n }, () => rng.int(0, 255));

function awarenessUpdate(entries: Array<[client: number, clock: number, json: string]>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [client, clock, json] of entries) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  }
  return encoding.toUint8Array(e);
}

/** What frames are made from: the board as the fuzzer knows it, and valid messages to mutate. */
interface Material { boardState: Uint8Array; facilitatorNotes: string[]; bases: Base[] }

/** Valid messages a participant could send, none of which may change a note (all refused or harmless). */
function fuzzMaterial(boardState: Uint8Array, facilitatorNotes: string[]): Material {
  const facilitatorNoteId = facilitatorNotes[0]!;
  const mallory = new Y.Doc();
  addNote(mallory, { text: 'FUZZ: hire a grant writer', pos: { x: 40, y: 40 }, author: MALLORY, authorName: 'Mallory', team: 'mpusd' });
  const sv = Y.encodeStateVector(mallory);
  addNote(mallory, { text: 'FUZZ: summer bridge for 9th graders', pos: { x: 240, y: 40 }, author: MALLORY, authorName: 'Mallory' });
  const oneNote = Y.encodeStateAsUpdate(mallory, sv);
  // Students post from phones, in Spanish, with emoji: multi-byte strings near every length prefix.
  addNote(mallory, { text: 'FUZZ: 🎓📚✏️🏫🚌🍎💡🤝🌱⏰🎓📚✏️🏫🚌🍎💡🤝🌱⏰ ¡Tutorías “entre pares” después de clase!', pos: { x: 440, y: 40 }, author: MALLORY, authorName: 'Mía Muñoz 🌟' });
  /** A change to the facilitator's note, from a doc that knows the board: others' notes are off limits in brainstorm. */
  const onFacilitatorNote = (change: (d: Y.Doc) => void): Uint8Array => {
    const d = new Y.Doc();
    Y.applyUpdate(d, boardState);
    const before = Y.encodeStateVector(d);
    change(d);
    return Y.encodeStateAsUpdate(d, before);
  };
  const aw = new awarenessProtocol.Awareness(new Y.Doc());
  aw.setLocalState({ user: { name: 'Facilitator', color: '#ff0000', role: 'facilitator' }, cursor: { x: 10, y: 20 } });
  const presence = awarenessProtocol.encodeAwarenessUpdate(aw, [aw.clientID]);
  aw.destroy();
  const full = Y.encodeStateAsUpdate(mallory);
  const updates: Array<[string, Uint8Array]> = [
    ['three notes (V1)', full],
    ['one note on top of another (V1)', oneNote],
    ['three notes (V2)', Y.encodeStateAsUpdateV2(mallory)],
    ['edit facilitator note', onFacilitatorNote((d) => editNote(d, facilitatorNoteId, 'FUZZ: rewritten'))],
    ['edit facilitator note (emoji)', onFacilitatorNote((d) => editNote(d, facilitatorNoteId, 'FUZZ: 冬季学分补修计划 — 每周两次 🎒🎒🎒🎒🎒🎒🎒🎒🎒🎒'))],
    ['move facilitator note', onFacilitatorNote((d) => moveNote(d, facilitatorNoteId, { x: 999, y: 999 }))],
    ['recolor facilitator note', onFacilitatorNote((d) => recolorNote(d, facilitatorNoteId, 'blue'))],
    ['delete facilitator note', onFacilitatorNote((d) => deleteNote(d, facilitatorNoteId))],
  ];
  const bases: Base[] = [
    { name: 'sync step 1 (empty)', head: [MSG_SYNC, SYNC_STEP1], payload: Y.encodeStateVector(new Y.Doc()) },
    { name: 'sync step 1 (mallory)', head: [MSG_SYNC, SYNC_STEP1], payload: sv },
    { name: 'sync step 1 (board)', head: [MSG_SYNC, SYNC_STEP1], payload: Y.encodeStateVectorFromUpdate(boardState) },
    ...updates.flatMap(([name, u]) => [
      { name: `step 2: ${name}`, head: [MSG_SYNC, SYNC_STEP2], payload: u },
      { name: `update: ${name}`, head: [MSG_SYNC, SYNC_UPDATE], payload: u },
    ]),
    { name: 'awareness', head: [MSG_AWARENESS], payload: presence },
    { name: 'awareness (two clients)', head: [MSG_AWARENESS], payload: awarenessUpdate([[101, 3, '{"cursor":{"x":1,"y":2}}'], [102, 1, 'null']]) },
    { name: 'query awareness', head: [MSG_QUERY_AWARENESS], payload: null },
  ];
  return { boardState, facilitatorNotes, bases };
}

/** ASCII, Spanish, CJK, emoji, control and invisible characters, and the schema's own field names. */
const ALPHABETS = ['abcdefghijklmnopqrstuvwxyz_-', 'ñáéíóúü¡¿“”—', '冬季学分补修计划每周两次', '🎓📚🏫🌱💡', '\u0000\u0001\n\r\t\u007f\u200b\u202e', NOTE_FIELDS.join('')];
const randomString = (rng: Rng, max: number): string => {
  const chars = [...rng.pick(ALPHABETS)];
  return Array.from({ length: rng.int(0, max) }, () => rng.pick(chars)).join('');
};
const randomKey = (rng: Rng): string => (rng.chance(0.6) ? rng.pick(NOTE_FIELDS) : randomString(rng, 60));

function randomValue(rng: Rng, depth = 0): unknown {
  const leaf = ['string', 'long string', 'integer', 'odd number', 'point', 'literal'] as const;
  const kind = depth > 2 ? rng.pick(leaf) : rng.pick([...leaf, 'array', 'object', 'bytes', 'Y.Map', 'Y.Text', 'Y.Array']);
  switch (kind) {
    case 'string': return randomString(rng, 60);
    case 'long string': return randomString(rng, 1_200);
    case 'integer': return rng.int(-50_000, 50_000);
    case 'odd number': return rng.pick([NaN, Infinity, -Infinity, -0, 0.5, 2 ** 53, -1, 1e308]);
    case 'point': return { x: randomValue(rng, 3), y: randomValue(rng, 3) };
    case 'literal': return rng.pick([null, true, false, undefined]);
    case 'array': return Array.from({ length: rng.int(0, 3) }, () => randomValue(rng, depth + 1));
    case 'object': return Object.fromEntries(Array.from({ length: rng.int(0, 3) }, () => [randomKey(rng), randomValue(rng, depth + 1)]));
    case 'bytes': return randomBytes(rng, rng.int(0, 20));
    case 'Y.Map': {
      const m = new Y.Map<unknown>();
      for (let n = rng.int(0, 3); n > 0; n--) m.set(randomKey(rng), randomValue(rng, depth + 1));
      return m;
    }
    case 'Y.Text': return new Y.Text(randomString(rng, 60));
    case 'Y.Array': return Y.Array.from(Array.from({ length: rng.int(0, 3) }, () => randomValue(rng, depth + 1)) as never[]);
  }
}

/**
 * A well-formed Yjs update that breaks the schema or the rules: new notes by someone else, any
 * key and value on the facilitator's notes, other roots, non-map notes. Never the participant's
 * own notes, which it may legitimately change.
 */
function schemaUpdate(rng: Rng, m: Material): Uint8Array {
  const d = new Y.Doc();
  Y.applyUpdate(d, m.boardState);
  const sv = Y.encodeStateVector(d);
  const notes = d.getMap<unknown>(ROOT_NOTES);
  for (let n = rng.int(1, 3); n > 0; n--) {
    try {
      d.transact(() => {
        switch (rng.weighted({ newNote: 4, facilitatorNote: 4, otherRoot: 2, notAMap: 1 })) {
          case 'newNote': {
            const note = new Y.Map<unknown>();
            if (rng.chance(0.7)) {
              for (const [k, v] of Object.entries({ text: 'FUZZ', pos: { x: 1, y: 2 }, color: 'yellow', author: MALLORY, authorName: 'M', team: '', createdAt: 1, updatedAt: 1 })) note.set(k, v);
            }
            for (let i = rng.int(0, 3); i > 0; i--) note.set(randomKey(rng), randomValue(rng));
            notes.set(rng.chance(0.8) ? newNoteId() : randomString(rng, 40), note);
            break;
          }
          case 'facilitatorNote': {
            const note = notes.get(rng.pick(m.facilitatorNotes)) as Y.Map<unknown>;
            if (rng.chance(0.15)) notes.delete(rng.pick(m.facilitatorNotes));
            else if (rng.chance(0.2)) note.delete(randomKey(rng));
            else note.set(randomKey(rng), randomValue(rng));
            break;
          }
          case 'otherRoot': {
            const name = rng.pick([ROOT_META, randomString(rng, 60)]);
            if (rng.chance(0.6)) d.getMap<unknown>(name).set(randomKey(rng), randomValue(rng));
            else if (rng.chance(0.5)) d.getText(name).insert(0, randomString(rng, 60));
            else d.getArray<unknown>(name).push([randomValue(rng)]);
            break;
          }
          case 'notAMap':
            notes.set(newNoteId(), randomValue(rng));
            break;
        }
      });
    } catch {
      // A root name already used with another type: Yjs refuses locally; try the next change.
    }
  }
  const update = Y.encodeStateAsUpdate(d, sv);
  d.destroy();
  return update;
}

/** 1–3 byte-level mutations: bit flips, overwrites, truncation, insertion, deletion, duplication. */
function mutateBytes(rng: Rng, input: Uint8Array): Uint8Array {
  let b = Array.from(input);
  for (let n = rng.int(1, 3); n > 0; n--) {
    const at = rng.int(0, b.length);
    switch (rng.weighted({ flip: 4, set: 2, truncate: 1, insert: 2, remove: 2, duplicate: 1 })) {
      case 'flip':
        if (at < b.length) b[at] = b[at]! ^ (1 << rng.int(0, 7));
        break;
      case 'set':
        if (at < b.length) b[at] = rng.pick([0, 1, 0x7f, 0x80, 0xff, rng.int(0, 255)]);
        break;
      case 'truncate':
        b = b.slice(0, at);
        break;
      case 'insert':
        b.splice(at, 0, ...randomBytes(rng, rng.int(1, 4)));
        break;
      case 'remove':
        b.splice(at, rng.int(1, 4));
        break;
      case 'duplicate':
        b.splice(at, 0, ...b.slice(at, at + rng.int(1, 16)));
        break;
    }
  }
  return Uint8Array.from(b);
}

type FrameKind = 'random' | 'random payload' | 'valid' | 'schema' | 'payload mutated' | 'frame mutated' | 'length prefix' | 'type bytes' | 'spliced';

function nextFrame(rng: Rng, m: Material): { kind: FrameKind; frame: Uint8Array } {
  const { bases } = m;
  const base = rng.pick(bases);
  const payload = base.payload ?? new Uint8Array();
  const kind = rng.weighted<FrameKind>({
    random: 15, 'random payload': 5, valid: 5, schema: 12, 'payload mutated': 40, 'frame mutated': 15, 'length prefix': 8, 'type bytes': 7, spliced: 5,
  });
  switch (kind) {
    case 'random':
      return { kind, frame: randomBytes(rng, rng.int(0, MAX_RANDOM_FRAME_BYTES)) };
    case 'random payload':
      return { kind, frame: message(base.head, randomBytes(rng, rng.int(0, MAX_RANDOM_FRAME_BYTES))) };
    case 'valid':
      return { kind, frame: frameOf(base) };
    case 'schema':
      return { kind, frame: message([MSG_SYNC, rng.pick([SYNC_STEP2, SYNC_UPDATE])], schemaUpdate(rng, m)) };
    case 'payload mutated': // framing intact: the bytes reach the Yjs / awareness decoders
      return { kind, frame: message(base.head, mutateBytes(rng, payload)) };
    case 'frame mutated':
      return { kind, frame: mutateBytes(rng, frameOf(base)) };
    case 'length prefix': {
      const e = encoding.createEncoder();
      for (const u of base.head) encoding.writeVarUint(e, u);
      const len = payload.length;
      encoding.writeVarUint(e, rng.pick([0, 1, len - 1, len + 1, len + rng.int(2, 1_000), 2 ** 31, 2 ** 53 - 1].map((n) => Math.max(0, n))));
      encoding.writeUint8Array(e, payload);
      return { kind, frame: encoding.toUint8Array(e) };
    }
    case 'type bytes': {
      const t = () => rng.pick([0, 1, 2, 3, 4, 7, 100, 127, 128, 255, 2 ** 32 - 1]);
      const head = rng.pick([[t()], [MSG_SYNC, t()], [t(), t()], [t(), ...base.head.slice(1)]]);
      return { kind, frame: message(head, base.payload ?? (rng.chance(0.5) ? undefined : payload)) };
    }
    case 'spliced': {
      const a = frameOf(base);
      const b = frameOf(rng.pick(bases));
      return { kind, frame: Uint8Array.from([...a.slice(0, rng.int(0, a.length)), ...b.slice(rng.int(0, b.length))]) };
    }
  }
}

/**
 * Sync step 2 replies the server owes for `frame`: one when it reads as a sync step 1 with a
 * decodable state vector (even with trailing bytes: the reply goes out before that check).
 * Same lib0 / Yjs readers as server/connection.ts, so the prediction cannot drift in parsing.
 */
function step2Replies(frame: Uint8Array): number {
  try {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== MSG_SYNC || decoding.readVarUint(d) !== SYNC_STEP1) return 0;
    Y.decodeStateVector(decoding.readVarUint8Array(d));
    return 1;
  } catch {
    return 0;
  }
}

const isStep2 = (m: Uint8Array) => m[0] === MSG_SYNC && m[1] === SYNC_STEP2;

interface Tally {
  frames: number;
  accepted: number;
  connections: number;
  stalls: number;
  /** The frames (hex) after which the server neither answered nor closed. */
  stalled: string[];
  kinds: Map<FrameKind, number>;
  closes: Map<number, number>;
  reasons: Map<string, number>;
}
const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * One fuzzing socket after another until `quota` frames have been read by the server. After
 * each frame a probe (sync step 1) follows; its reply, which goes to this socket only, proves
 * the frame was read and accepted, and a close proves it was refused.
 */
async function fuzzWorker(url: string, boardId: string, token: string, material: Material, probe: Uint8Array, rng: Rng, quota: number, t: Tally): Promise<void> {
  let sent = 0;
  while (sent < quota && t.stalls < MAX_STALLS) {
    const raw: RawClient = rawClient(url, boardId, { token });
    let replies = 0;
    let closed = false;
    let stalled = false;
    let wake: (() => void) | null = null;
    raw.ws.on('message', (d: Buffer) => {
      if (isStep2(new Uint8Array(d))) replies++;
      wake?.();
    });
    void raw.closed.then(() => {
      closed = true;
      wake?.();
    });
    t.connections++;
    const opened = await raw.opened.then(() => true, () => false);
    let owed = 0;
    while (opened && sent < quota && !closed) {
      const { kind, frame } = nextFrame(rng, material);
      raw.send(frame);
      raw.send(probe);
      sent++;
      t.frames++;
      bump(t.kinds, kind);
      owed += step2Replies(frame) + 1;
      const answered = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
        wake = () => {
          if (replies >= owed || closed) {
            clearTimeout(timer);
            resolve(true);
          }
        };
        wake();
      });
      wake = null;
      if (!answered) {
        t.stalls++;
        t.stalled.push(`${kind}: ${Buffer.from(frame).toString('hex')}`);
        stalled = true;
        raw.ws.terminate();
        break;
      }
      if (!closed) t.accepted++;
    }
    if (stalled || !closed) {
      // Stalled (tallied above) or quota reached: not a close the server chose.
      raw.ws.close();
      await raw.closed;
      continue;
    }
    const { code, reason } = await raw.closed;
    bump(t.closes, code);
    bump(t.reasons, `${code} ${reason.replace(/\d+/g, 'N')}`);
  }
}

describe('fuzzing the wire protocol', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let board: TestBoard;
  let ana: Participant;
  let fac: Client;
  let par: Client;
  const honestTexts = new Set<string>();
  const errors: string[] = [];
  const honestDrops: string[] = [];

  const log: Logger = { info: () => undefined, warn: () => undefined, error: (m, ...rest) => void errors.push(`${m} ${rest.map(String).join(' ')}`) };
  const roomDoc = () => srv.hub.rooms.get(board.id as never)!.doc;
  const write = (c: Client, text: string, author: string, team = '') => {
    honestTexts.add(text);
    return addNote(c.doc, { text, pos: { x: 20 * honestTexts.size, y: 60 }, author, authorName: author === 'facilitator' ? 'Facilitator' : ana.name, team });
  };

  beforeAll(async () => {
    srv = await startTestServer({ log });
    board = await brainstormBoard(srv.url, 'How might we keep 9th graders on track?');
    ana = await join(srv.url, board.joinCode, 'Ana');
    fac = connectClient(srv.wsUrl, board);
    par = connectClient(srv.wsUrl, board, { token: ana.token });
    await Promise.all([waitSynced(fac), waitSynced(par)]);
    for (const [who, c] of [['facilitator', fac], ['participant', par]] as const) {
      c.provider.on('connection-close', (e) => void honestDrops.push(`${who}: ${e?.code} ${e?.reason}`));
    }
  });
  afterAll(async () => {
    fac?.destroy();
    par?.destroy();
    await srv?.cleanup();
  });

  it(`survives ${FRAMES} hostile frames from ${SOCKETS} sockets and the board stays what the honest clients wrote`, async () => {
    const facNote = write(fac, 'Ninth-grade success teams meet weekly', 'facilitator');
    const facNote2 = write(fac, 'Family liaisons call home after two absences', 'facilitator');
    const parNote = write(par, 'Peer mentors from 11th grade', ana.id, ana.team);
    write(par, 'Advisory period focused on credits', ana.id, ana.team);
    await waitFor(() => [fac, par].every((c) => selectNotes(c.doc).length === 4) && selectNotes(roomDoc()).length === 4, 'honest notes everywhere');
    /** What the honest clients wrote, note by note, as each writer's own doc has it. */
    const honest = new Map<string, Note>(selectNotes(roomDoc()).map((n) => [n.id, n]));
    // The honest clients keep working during the fuzz: each drags one of its own notes.
    let step = 0;
    const dragging = setInterval(() => {
      step++;
      for (const [c, id] of [[fac, facNote], [par, parNote]] as const) {
        moveNote(c.doc, id, { x: 100 + ((step * 37) % 2_000), y: 300 + ((step * 53) % 1_000) });
        honest.set(id, selectNote(c.doc, id)!);
      }
    }, HONEST_DRAG_INTERVAL_MS);

    const material = fuzzMaterial(Y.encodeStateAsUpdate(roomDoc()), [facNote, facNote2]);
    const tally: Tally = { frames: 0, accepted: 0, connections: 0, stalls: 0, stalled: [], kinds: new Map(), closes: new Map(), reasons: new Map() };
    const probe = message([MSG_SYNC, SYNC_STEP1], Y.encodeStateVector(roomDoc()));
    const loop = monitorEventLoopDelay({ resolution: 20 });
    loop.enable();
    const t0 = performance.now();
    try {
      await Promise.all(Array.from({ length: SOCKETS }, (_, i) =>
        fuzzWorker(srv.wsUrl, board.id, ana.token, material, probe, seeded((SEED + i * 0x9e37_79b9) >>> 0), Math.ceil(FRAMES / SOCKETS), tally)));
    } finally {
      clearInterval(dragging);
    }
    const seconds = (performance.now() - t0) / 1000;
    loop.disable();
    const maxDelayMs = loop.max / 1e6;
    const sorted = <K>(m: Map<K, number>, top = Infinity) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).slice(0, top));
    console.log(`fuzz seed=${SEED} frames=${tally.frames} accepted=${tally.accepted} connections=${tally.connections} stalls=${tally.stalls} `
      + `honestDrags=${step} time=${seconds.toFixed(1)}s maxEventLoopDelay=${maxDelayMs.toFixed(0)}ms rejectedWrites=${srv.stats.rejectedWrites}\n`
      + `closes by code: ${JSON.stringify(sorted(tally.closes))}\nframes by kind: ${JSON.stringify(sorted(tally.kinds))}\n`
      + `most common close reasons: ${JSON.stringify(sorted(tally.reasons, 25), null, 1)}`);
    const seed = `(FUZZ_SEED=${SEED})`;

    // Every frame was answered or refused with a deliberate close, and nothing broke inside.
    expect(tally.stalled, `frames neither answered nor refused ${seed}`).toEqual([]);
    expect([...tally.closes.keys()].filter((c) => !EXPECTED_CLOSES.has(c)), `unexpected close codes ${seed}`).toEqual([]);
    expect(errors, `server logged errors ${seed}`).toEqual([]);
    expect(maxDelayMs, `one frame blocked the event loop ${seed}`).toBeLessThan(MAX_EVENT_LOOP_DELAY_MS);
    // The fuzz reached every stage: framing, decoders, policy, and some frames were harmless.
    expect(tally.frames, seed).toBeGreaterThanOrEqual(FRAMES);
    expect(tally.closes.get(CLOSE.MALFORMED) ?? 0, seed).toBeGreaterThan(0);
    expect(tally.closes.get(CLOSE.FORBIDDEN) ?? 0, seed).toBeGreaterThan(0);
    expect(tally.accepted, seed).toBeGreaterThan(0);

    // The server is up and the honest clients never dropped.
    const health = await fetch(`${srv.url}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
    expect(honestDrops, seed).toEqual([]);
    expect(fac.provider.wsconnected && par.provider.wsconnected).toBe(true);

    // Nothing added, removed or changed: server, both clients and storage hold exactly the honest notes.
    expect(step, 'the honest clients kept working during the fuzz').toBeGreaterThan(2);
    const byId = (doc: Y.Doc) => new Map(selectNotes(doc).map((n) => [n.id, n]));
    const same = (doc: Y.Doc) => {
      const notes = byId(doc);
      return notes.size === honest.size && [...honest].every(([id, n]) => JSON.stringify(notes.get(id)) === JSON.stringify(n));
    };
    // Wait for in-flight drags to land; on a timeout the assertions below show the difference.
    await waitFor(() => [fac.doc, par.doc, roomDoc()].every(same), 'every replica holds what the honest clients wrote').catch(() => undefined);
    expect(byId(roomDoc()), `server ${seed}`).toEqual(honest);
    expect(byId(fac.doc), `facilitator ${seed}`).toEqual(honest);
    expect(byId(par.doc), `participant ${seed}`).toEqual(honest);
    await srv.hub.drain();
    const stored = await srv.store.load(board.id as never);
    expect(byId(storedDoc(stored!)), `storage ${seed}`).toEqual(honest);

    // And they still sync both ways.
    write(fac, 'Credit recovery in the spring', 'facilitator');
    write(par, 'Ask students what gets in the way', ana.id, ana.team);
    await waitFor(() => [fac, par].every((c) => selectNotes(c.doc).length === 6) && selectNotes(roomDoc()).length === 6, 'new notes sync both ways');
    const after = selectNotes(roomDoc());
    expect(selectNotes(fac.doc)).toEqual(after);
    expect(selectNotes(par.doc)).toEqual(after);
    expect(new Set(after.map((n) => n.text))).toEqual(honestTexts);
    expect(new Set(after.map((n) => n.author))).toEqual(new Set(['facilitator', ana.id]));
  }, 120_000);
});
