/** A raw `ws` client that speaks the protocol byte by byte and records everything it receives. */
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { PARAM_EPOCH, PARAM_TOKEN, PARAM_VERSION, PROTOCOL_VERSION } from '../../shared/protocol.js';

export interface RawClient {
  ws: WebSocket;
  received: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  send(data: Uint8Array | string): void;
}

export function rawClient(wsUrl: string, boardId: string, opts: { version?: string; epoch?: string; token?: string } = {}): RawClient {
  const q = new URLSearchParams({ [PARAM_VERSION]: opts.version ?? String(PROTOCOL_VERSION) });
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
