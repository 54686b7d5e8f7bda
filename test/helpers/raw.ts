/** A raw `ws` client that speaks the protocol byte by byte and records everything it receives. */
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MSG_SYNC, PARAM_COMPRESS, PARAM_EPOCH, PARAM_TOKEN, PARAM_VERSION, PROTOCOL_VERSION, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from '../../shared/protocol.js';

export interface RawClient {
  ws: WebSocket;
  received: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  send(data: Uint8Array | string): void;
}

export function rawClient(wsUrl: string, boardId: string, opts: { version?: string; epoch?: string; token?: string; compress?: boolean } = {}): RawClient {
  const q = new URLSearchParams({ [PARAM_VERSION]: opts.version ?? String(PROTOCOL_VERSION) });
  if (opts.compress) q.set(PARAM_COMPRESS, '1');
  if (opts.token) q.set(PARAM_TOKEN, opts.token);
  if (opts.epoch) q.set(PARAM_EPOCH, opts.epoch);
  const ws = new WebSocket(`${wsUrl}/${boardId}?${q}`);
  const received: Uint8Array[] = [];
  ws.on('message', (d: Buffer) => received.push(new Uint8Array(d)));
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((r) =>
    ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
  const opened = new Promise<void>((r, j) => {
    ws.once('open', () => r());
    ws.once('close', () => j(new Error('closed before open')));
  });
  opened.catch(() => undefined);
  return { ws, received, closed, opened, send: (d) => ws.send(d) };
}

/** Build a message: varUint fields then an optional varUint8Array payload. */
export function message(uints: number[], payload?: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  for (const u of uints) encoding.writeVarUint(e, u);
  if (payload) encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/**
 * A raw client that has the board's state: opens the socket, waits for the server's sync step 2
 * and applies it to a local doc. `change` then sends exactly the update a change produces.
 */
export async function rawWithDoc(wsUrl: string, boardId: string, token: string): Promise<RawClient & { doc: Y.Doc; change: (fn: (doc: Y.Doc) => void) => void }> {
  const raw = rawClient(wsUrl, boardId, { token });
  await raw.opened;
  raw.send(message([MSG_SYNC, SYNC_STEP1], Y.encodeStateVector(new Y.Doc())));
  const doc = new Y.Doc();
  const deadline = Date.now() + 5_000;
  let closed = false;
  void raw.closed.then(() => (closed = true));
  for (;;) {
    if (closed) throw new Error('closed by the server before sync');
    const step2 = raw.received.find((m) => m[0] === MSG_SYNC && m[1] === SYNC_STEP2);
    if (step2) {
      const d = decoding.createDecoder(step2);
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      Y.applyUpdate(doc, decoding.readVarUint8Array(d));
      break;
    }
    if (Date.now() > deadline) throw new Error('no sync step 2 from the server');
    await new Promise((r) => setTimeout(r, 10));
  }
  return Object.assign(raw, {
    doc,
    change: (fn: (doc: Y.Doc) => void) => {
      const sv = Y.encodeStateVector(doc);
      fn(doc);
      raw.send(message([MSG_SYNC, SYNC_UPDATE], Y.encodeStateAsUpdate(doc, sv)));
    },
  });
}
