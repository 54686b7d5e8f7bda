/**
 * Messages that go to many sockets are framed once. `ws` frames every send on its own (a header
 * buffer and two writes per message per socket); a board's fan-out sends the same bytes to
 * hundreds of sockets, so the frame is built once and the same buffer is written to each.
 */

const FIN_BINARY = 0x82;

/** A message as one unmasked, unfragmented binary WebSocket frame (RFC 6455 §5.2), server to client. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const n = payload.byteLength;
  const head = n < 126 ? 2 : n < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = FIN_BINARY;
  if (head === 2) {
    frame[1] = n;
  } else if (head === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  frame.set(payload, head);
  return frame;
}

/** One message for many sockets: its bytes, and its frame once someone needs it. */
export class SharedMessage {
  private framed: Buffer | null = null;

  constructor(readonly bytes: Uint8Array) {}

  get frame(): Buffer {
    return (this.framed ??= binaryFrame(this.bytes));
  }
}
