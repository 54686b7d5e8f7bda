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
  /** Per Yjs client id, the clock just past the last change the update contains. */
  to: Map<number, number>;
}

/**
 * decodeUpdateV2 takes the decoder class as a parameter; handing it this V1 decoder gives a full
 * structural parse in V1 while letting us look at the read position afterwards. Defined once:
 * a class per call costs a class definition (and a fresh hidden class) per client update.
 */
class TrackedV1 extends Y.UpdateDecoderV1 {
  private static last: TrackedV1 | null = null;
  constructor(d: decoding.Decoder) {
    super(d);
    TrackedV1.last = this;
  }

  /** The decoder of the last decode, forgotten here (it holds the update it read). */
  static take(): TrackedV1 | null {
    const r = TrackedV1.last;
    TrackedV1.last = null;
    return r;
  }
}

/**
 * Decode `update` as V1 without applying it. Throws InvalidUpdate on truncated, trailing or
 * foreign bytes.
 */
export function checkUpdateV1(update: Uint8Array): DecodedUpdate {
  if (update.length === 0) throw new InvalidUpdate('empty update');
  let decoded: { structs: Array<Y.Item | Y.GC | Y.Skip>; ds: DecodedUpdate['ds'] };
  let reader: TrackedV1 | null;
  try {
    decoded = Y.decodeUpdateV2(update, TrackedV1 as unknown as typeof Y.UpdateDecoderV2) as unknown as typeof decoded;
  } catch (err) {
    throw new InvalidUpdate(`undecodable update: ${(err as Error).message}`);
  } finally {
    reader = TrackedV1.take();
  }
  if (!reader || decoding.hasContent(reader.restDecoder)) {
    throw new InvalidUpdate('update has unread bytes (not a V1 update)');
  }
  const from = new Map<number, number>();
  const to = new Map<number, number>();
  for (const s of decoded.structs) {
    if (!from.has(s.id.client)) from.set(s.id.client, s.id.clock);
    to.set(s.id.client, Math.max(to.get(s.id.client) ?? 0, s.id.clock + s.length));
  }
  return { ...decoded, from, to };
}
