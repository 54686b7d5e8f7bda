/**
 * Adapters between the y-websocket framing our users speak and what each server expects. The
 * peers stay unmodified; only the generator translates.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface Framing {
  /** Messages to send as soon as the socket opens (before any sync message). */
  hello(): Uint8Array[];
  /** Wrap an outgoing y-websocket message. */
  wrap(msg: Uint8Array): Uint8Array;
  /** An incoming message as y-websocket would have sent it. */
  unwrap(data: Buffer): Uint8Array;
}

/** y-websocket servers (ours, the reference, the relay): messages go as they are. */
export const Y_WEBSOCKET: Framing = {
  hello: () => [],
  wrap: (msg) => msg,
  unwrap: (data) => data,
};

/** Hocuspocus' message types that differ from y-websocket's. */
const HP_AUTH = 2;
const HP_AUTH_TOKEN = 0;
const HP_SYNC_REPLY = 4;

/**
 * Hocuspocus multiplexes documents on one socket: every message starts with the document name,
 * a document must be opened with an auth message (any token when no onAuthenticate hook is
 * configured), and a sync step 2 answering our step 1 arrives as "SyncReply" (type 4).
 */
export function hocuspocusFraming(documentName: string): Framing {
  const prefixEncoder = encoding.createEncoder();
  encoding.writeVarString(prefixEncoder, documentName);
  const prefix = encoding.toUint8Array(prefixEncoder);
  const wrap = (msg: Uint8Array) => {
    const out = new Uint8Array(prefix.length + msg.length);
    out.set(prefix, 0);
    out.set(msg, prefix.length);
    return out;
  };
  return {
    hello() {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, HP_AUTH);
      encoding.writeVarUint(e, HP_AUTH_TOKEN);
      encoding.writeVarString(e, '');
      return [wrap(encoding.toUint8Array(e))];
    },
    wrap,
    unwrap(data) {
      const d = decoding.createDecoder(data);
      decoding.readVarString(d);
      const rest = data.subarray(d.pos);
      if (rest[0] !== HP_SYNC_REPLY) return rest;
      const copy = Uint8Array.from(rest);
      copy[0] = 0; // MSG_SYNC; both are one-byte varUints
      return copy;
    },
  };
}
