import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo, Socket } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { binaryFrame, SharedMessage } from '../../server/frame.js';
import { PARAM_TOKEN, PARAM_VERSION, PROTOCOL_VERSION } from '../../shared/protocol.js';
import { createBoard, startTestServer } from '../helpers/server.js';

/** Payload lengths at every boundary of the frame header (7-bit, 16-bit and 64-bit lengths). */
const SIZES = [0, 1, 125, 126, 127, 65_535, 65_536, 200_003];

const payload = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);

describe('binaryFrame', () => {
  let wss: WebSocketServer | null = null;
  afterEach(() => {
    wss?.close();
    wss = null;
  });

  it('writes frames a real WebSocket client reads back byte for byte, at every header size', async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    wss.on('connection', (ws) => {
      const socket = (ws as unknown as { _socket: Socket })._socket;
      // Interleaved with ws's own sends: frames must stay whole and in order.
      for (const n of SIZES) {
        socket.write(binaryFrame(payload(n)));
        ws.send(Uint8Array.of(0xee, n & 0xff));
      }
    });
    await new Promise((r) => wss!.once('listening', r));
    const { port } = wss.address() as AddressInfo;
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const got: Uint8Array[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on('message', (data: Buffer, isBinary) => {
        expect(isBinary).toBe(true);
        got.push(new Uint8Array(data));
        if (got.length === SIZES.length * 2) resolve();
      });
      client.on('error', reject);
      client.on('close', (code) => reject(new Error(`closed with ${code}`)));
    });
    client.close();
    SIZES.forEach((n, i) => {
      expect(got[2 * i]).toEqual(payload(n));
      expect(got[2 * i + 1]).toEqual(Uint8Array.of(0xee, n & 0xff));
    });
  });

  it('a shared message is framed once, however many sockets take it', () => {
    const m = new SharedMessage(payload(300));
    expect(m.frame).toBe(m.frame);
    expect([...m.frame.subarray(0, 4)]).toEqual([0x82, 126, 1, 44]);
  });

  it('the server declines compression, so its shared frames and ws\'s own sends keep their order', async () => {
    const srv = await startTestServer();
    try {
      const board = await createBoard(srv.url);
      const q = new URLSearchParams({ [PARAM_VERSION]: String(PROTOCOL_VERSION), [PARAM_TOKEN]: board.facilitatorToken });
      // ws clients offer permessage-deflate by default.
      const client = new WebSocket(`${srv.wsUrl}/${board.id}?${q}`, { perMessageDeflate: true });
      await new Promise((resolve, reject) => {
        client.once('open', resolve);
        client.once('error', reject);
      });
      expect(client.extensions).toBe('');
      client.close();
    } finally {
      await srv.cleanup();
    }
  });
});
