/**
 * Strict decoding of client document updates. The wire protocol is Yjs V1 only: V2 decoding of
 * hostile input can block the thread for seconds (see the fuzz corpus), so no V2 decoder ever
 * sees client bytes. A V2 update fed to a V1 reader usually "decodes" to almost nothing and
 * leaves most of its bytes unread, so any unread byte rejects the update.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

export class InvalidUpdate extends Error {}

export interface DecodedUpdate {
  structs: Array<Y.Item | Y.GC | Y.Skip>;
  ds: { clients: Map<number, Array<{ clock: number; len: number }>> };
  /** Per Yjs client id, the first clock the update contains (to detect gaps). */
  from: Map<number, number>;
}

/**
 * Decode `update` as V1 without applying it. Throws InvalidUpdate on truncated, trailing or
 * foreign bytes.
 */
export function checkUpdateV1(update: Uint8Array): DecodedUpdate {
  if (update.length === 0) throw new InvalidUpdate('empty update');
  let reader: Y.UpdateDecoderV1 | null = null;
  // decodeUpdateV2 takes the decoder class as a parameter; handing it the V1 decoder gives a
  // full structural parse in V1 while letting us look at the read position afterwards.
  class Tracked extends Y.UpdateDecoderV1 {
    constructor(d: decoding.Decoder) {
      super(d);
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      reader = this;
    }
  }
  let decoded: { structs: Array<Y.Item | Y.GC | Y.Skip>; ds: DecodedUpdate['ds'] };
  try {
    decoded = Y.decodeUpdateV2(update, Tracked as unknown as typeof Y.UpdateDecoderV2) as unknown as typeof decoded;
  } catch (err) {
    throw new InvalidUpdate(`undecodable update: ${(err as Error).message}`);
  }
  if (!reader || decoding.hasContent((reader as Y.UpdateDecoderV1).restDecoder)) {
    throw new InvalidUpdate('update has unread bytes (not a V1 update)');
  }
  const from = new Map<number, number>();
  for (const s of decoded.structs) if (!from.has(s.id.client)) from.set(s.id.client, s.id.clock);
  return { ...decoded, from };
}
