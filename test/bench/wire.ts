/**
 * The y-websocket messages a simulated user sends and the few it reads, encoded by hand with
 * lib0 (as y-protocols does) so the user needs no provider and no timers of its own.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MSG_AWARENESS, MSG_SAVED, MSG_SYNC, MSG_SYNC_DEFLATED, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from '../../shared/protocol.js';

export { MSG_AWARENESS, MSG_SAVED, MSG_SYNC, MSG_SYNC_DEFLATED, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE };

function frame(type: number, sub: number | null, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  if (sub !== null) encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const syncStep1 = (stateVector: Uint8Array) => frame(MSG_SYNC, SYNC_STEP1, stateVector);
export const syncStep2 = (update: Uint8Array) => frame(MSG_SYNC, SYNC_STEP2, update);
export const syncUpdate = (update: Uint8Array) => frame(MSG_SYNC, SYNC_UPDATE, update);
export const awarenessMsg = (update: Uint8Array) => frame(MSG_AWARENESS, null, update);

/** The payload of a sync message (after its two type bytes). */
export function syncPayload(msg: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(msg);
  decoding.readVarUint(d);
  decoding.readVarUint(d);
  return decoding.readVarUint8Array(d);
}

/** The compressed state of a MSG_SYNC_DEFLATED message (after its type byte). */
export function deflatedPayload(msg: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(msg);
  decoding.readVarUint(d);
  return decoding.readVarUint8Array(d);
}

/** The count of a MSG_SAVED message. */
export function savedCount(msg: Uint8Array): number {
  const d = decoding.createDecoder(msg);
  decoding.readVarUint(d);
  return decoding.readVarUint(d);
}
