/**
 * A minimal RFC 6455 client for the load generator. One process plays up to 200 users and must
 * read up to ~800,000 small messages a second; `ws` spends most of that in its stream
 * machinery (a Writable per socket, events per frame). This parses frames straight out of each
 * TCP chunk and hands the payload over without copying when the frame lies inside one chunk.
 * It is still a real WebSocket on a real TCP connection: servers see nothing unusual.
 */
import { randomBytes, createHash } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP_CONT = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;
/** No close frame from the peer (the TCP connection just ended). */
export const CLOSE_ABNORMAL = 1006;
const CLOSE_NO_STATUS = 1005;

export interface LiteSocketHandlers {
  message(data: Buffer): void;
  close(code: number, reason: string): void;
}

export class LiteSocket {
  private socket: Socket | null = null;
  /** Chunks of an incomplete frame, their total length, and the frame's length (once known). */
  private pending: Buffer[] = [];
  private pendingLen = 0;
  private need = 0;
  private fragments: Buffer[] = [];
  private closed = false;
  open = false;

  constructor(private readonly handlers: LiteSocketHandlers) {}

  /** Connect and complete the opening handshake. */
  connect(url: string): Promise<void> {
    const u = new URL(url);
    const key = randomBytes(16).toString('base64');
    const expected = createHash('sha1').update(key + GUID).digest('base64');
    return new Promise((resolve, reject) => {
      const req = request({
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13' },
      });
      req.on('upgrade', (res, socket, head) => {
        if (res.headers['sec-websocket-accept'] !== expected) {
          socket.destroy();
          return reject(new Error('WebSocket handshake: bad Sec-WebSocket-Accept'));
        }
        this.socket = socket;
        this.open = true;
        socket.setNoDelay(true);
        socket.on('data', (chunk: Buffer) => this.receive(chunk));
        socket.on('error', () => undefined);
        socket.on('close', () => this.finish(CLOSE_ABNORMAL, ''));
        resolve();
        if (head.length > 0) this.receive(head);
      });
      req.on('response', (res) => {
        res.resume();
        reject(new Error(`WebSocket handshake: HTTP ${res.statusCode}`));
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** Send one binary message. */
  send(data: Uint8Array): void {
    if (this.open) this.socket!.write(frame(OP_BINARY, data));
  }

  close(code = 1000): void {
    if (!this.open) return;
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code, 0);
    this.socket!.write(frame(OP_CLOSE, payload));
    this.open = false;
    // Do not wait for the server's close frame: the benchmark is done with this user.
    this.socket!.end();
    this.finish(code, '');
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    this.handlers.close(code, reason);
  }

  private receive(chunk: Buffer): void {
    // A large frame arrives in many chunks: collect them and join once it is complete, instead
    // of re-copying the growing prefix on every chunk (quadratic on a multi-megabyte state).
    if (this.pending.length > 0) {
      this.pending.push(chunk);
      this.pendingLen += chunk.length;
      if (this.pendingLen < this.need) return;
      chunk = Buffer.concat(this.pending, this.pendingLen);
      this.pending = [];
      this.pendingLen = 0;
    }
    const b = chunk;
    let p = 0;
    while (p < b.length) {
      const need = frameLength(b, p);
      if (need === -1 || b.length - p < need) {
        // Keep the partial frame (a copy, so it does not pin the whole chunk) and wait for more.
        const rest = Buffer.from(b.subarray(p));
        this.pending = [rest];
        this.pendingLen = rest.length;
        this.need = need === -1 ? rest.length + 1 : need;
        return;
      }
      const b0 = b[p]!;
      const b1 = b[p + 1]!;
      const len7 = b1 & 0x7f;
      const head = len7 === 126 ? 4 : len7 === 127 ? 10 : 2;
      // Server frames are never masked (RFC 6455 §5.1); a masked one is read past its key anyway.
      const maskLen = b1 & 0x80 ? 4 : 0;
      const payload = b.subarray(p + head + maskLen, p + need);
      p += need;
      this.frame(b0 & 0x0f, (b0 & 0x80) !== 0, payload);
      if (this.closed) return;
    }
  }

  private frame(op: number, fin: boolean, payload: Buffer): void {
    switch (op) {
      case OP_BINARY:
      case OP_TEXT:
      case OP_CONT:
        if (!fin || this.fragments.length > 0) {
          this.fragments.push(Buffer.from(payload));
          if (!fin) return;
          const whole = Buffer.concat(this.fragments);
          this.fragments = [];
          this.handlers.message(whole);
        } else {
          this.handlers.message(payload);
        }
        return;
      case OP_PING:
        if (this.open) this.socket!.write(frame(OP_PONG, payload));
        return;
      case OP_CLOSE: {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : CLOSE_NO_STATUS;
        const reason = payload.length > 2 ? payload.subarray(2).toString('utf8') : '';
        if (this.open) {
          this.socket!.write(frame(OP_CLOSE, payload.subarray(0, 2)));
          this.socket!.end();
        }
        this.finish(code, reason);
        return;
      }
      default:
        return; // pong and reserved opcodes: nothing to do
    }
  }
}

/** Bytes of the whole frame starting at `p` (header included), or -1 while its header is incomplete. */
function frameLength(b: Buffer, p: number): number {
  if (b.length - p < 2) return -1;
  const b1 = b[p + 1]!;
  const mask = b1 & 0x80 ? 4 : 0;
  const len7 = b1 & 0x7f;
  if (len7 < 126) return 2 + mask + len7;
  if (len7 === 126) return b.length - p < 4 ? -1 : 4 + mask + b.readUInt16BE(p + 2);
  return b.length - p < 10 ? -1 : 10 + mask + Number(b.readBigUInt64BE(p + 2));
}

/**
 * A client frame. Clients must mask (RFC 6455 §5.3); the key is all zeros, which the RFC allows
 * and which makes the XOR a no-op: the masking key protects intermediaries on the open web,
 * there are none on loopback, and the generator's CPU is better spent reading.
 */
function frame(op: number, data: Uint8Array): Buffer {
  const n = data.length;
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + 4 + n);
  out[0] = 0x80 | op;
  if (n < 126) out[1] = 0x80 | n;
  else if (n < 65_536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(n), 2);
  }
  out.writeUInt32BE(0, head);
  out.set(data, head + 4);
  return out;
}
