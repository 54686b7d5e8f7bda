/**
 * The ceiling: a `ws` relay that understands nothing. Every binary message is forwarded to the
 * other sockets of its room (the URL path). Each message is framed once, the same bytes are
 * queued for every recipient, and each socket gets one corked write per event-loop turn (one
 * writev). No server that keeps a document and checks writes can beat this; the benchmark
 * reports everyone relative to it. Prints `open http://host:port` when listening.
 */
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
// The same framing as the server's fan-out (the relay shares no other code with it).
import { binaryFrame } from '../../../server/frame.js';

interface Peer {
  socket: Socket;
  room: Set<Peer>;
  out: Buffer[];
}

const rooms = new Map<string, Set<Peer>>();
const dirty = new Set<Peer>();
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  for (const p of dirty) {
    if (p.socket.destroyed) continue;
    p.socket.cork();
    for (const b of p.out) p.socket.write(b);
    p.socket.uncork();
    p.out = [];
  }
  dirty.clear();
}

const http = createServer((_req, res) => res.end('relay'));
const wss = new WebSocketServer({ server: http, perMessageDeflate: false });

wss.on('connection', (ws: WebSocket, req) => {
  const name = req.url ?? '/';
  let room = rooms.get(name);
  if (!room) rooms.set(name, (room = new Set()));
  // The raw socket is private to `ws`; writing whole frames to it directly is what makes one
  // frame shared by all recipients. `ws` itself only writes control frames on it here.
  const self: Peer = { socket: (ws as unknown as { _socket: Socket })._socket, room, out: [] };
  room.add(self);
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) return;
    const framed = binaryFrame(data);
    for (const p of self.room) {
      if (p === self) continue;
      p.out.push(framed);
      dirty.add(p);
    }
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  });
  ws.on('error', () => undefined);
  ws.on('close', () => {
    self.room.delete(self);
    dirty.delete(self);
    if (self.room.size === 0) rooms.delete(name);
  });
});

// A clean exit on SIGTERM lets `--cpu-prof` write its profile.
process.on('SIGTERM', () => process.exit(0));

http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = http.address() as AddressInfo;
  console.log(`[relay] open http://${address}:${port}`);
});
