/**
 * Wire protocol: the standard y-websocket messages (sync, awareness) plus Charrette's own
 * message types, and the close codes the server uses. Codes 4400–4499 are permanent
 * (y-websocket's provider stops reconnecting); 4500–4599 mean "try again later".
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Bumped when client and server can no longer talk; a mismatch is refused with CLOSE.VERSION. */
export const PROTOCOL_VERSION = 1;

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;
/** Server → client: "the first N updates you sent on this connection are durably stored". */
export const MSG_SAVED = 100;
/**
 * Server → client, instead of a sync step 2 answering an empty state vector: the whole board as
 * a V1 update compressed with raw DEFLATE (RFC 1951). Sent only to clients that asked for it
 * (PARAM_COMPRESS) and only for boards large enough to gain; a board of 10,000 notes goes over
 * the wire in about a sixth of its size.
 */
export const MSG_SYNC_DEFLATED = 101;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export const CLOSE = {
  /** Frame or message could not be decoded, or used an encoding we do not accept (e.g. Yjs V2). */
  MALFORMED: 4400,
  /** No token, or a token that is not valid for this board. */
  UNAUTHORIZED: 4401,
  /** Client and server protocol versions differ: reload the page. */
  VERSION: 4402,
  /** A write the rules do not allow (role, phase, lock, someone else's note). */
  FORBIDDEN: 4403,
  /** The board does not exist (or the id is not a board id). */
  NOT_FOUND: 4404,
  /** The board was deleted and recreated: the client's copy belongs to an older epoch. */
  EPOCH: 4409,
  /** The facilitator removed this participant. */
  REMOVED: 4410,
  /** A message over the server's size limit. */
  TOO_LARGE: 4413,
  /** Text frame where binary is expected. */
  NOT_BINARY: 4415,
  /** The stored board needs a newer server. */
  TOO_NEW: 4426,
  /** The board could not be loaded (storage error); reconnect shortly. */
  UNAVAILABLE: 4500,
  /** The server is shutting down; reconnect shortly. */
  SHUTDOWN: 4503,
  /** The socket could not keep up with the board's traffic; reconnecting resyncs it. */
  SLOW: 4508,
  /** The board has as many connections as the server allows. */
  BOARD_FULL: 4509,
  /** The client sent more messages or bytes per second than allowed; it may retry after backing off. */
  RATE_LIMITED: 4529,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** The query parameter names a client sends when it opens the socket. */
export const PARAM_VERSION = 'v';
export const PARAM_EPOCH = 'epoch';
export const PARAM_TOKEN = 'token';
/** '1' when the client understands MSG_SYNC_DEFLATED. */
export const PARAM_COMPRESS = 'z';

/** Encode a MSG_SAVED message. */
export function encodeSaved(count: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SAVED);
  encoding.writeVarUint(e, count);
  return encoding.toUint8Array(e);
}

/** Read the count of a MSG_SAVED message whose type byte has already been consumed. */
export const readSaved = (d: decoding.Decoder): number => decoding.readVarUint(d);

/**
 * True when a client → server message carries document content (sync step 2 or update):
 * these are the messages the server counts and acknowledges with MSG_SAVED.
 */
export function carriesUpdate(msg: Uint8Array): boolean {
  // Both type bytes are single-byte varUints for every message type we accept.
  return msg.length >= 2 && msg[0] === MSG_SYNC && (msg[1] === SYNC_STEP2 || msg[1] === SYNC_UPDATE);
}
