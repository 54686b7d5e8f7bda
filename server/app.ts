/**
 * One Charrette server: HTTP (API + built client) and the y-websocket endpoint at /ws/<boardId>.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE, PARAM_EPOCH, PARAM_VERSION, PROTOCOL_VERSION } from '../shared/protocol.js';
import { createBoard, parseBoardId } from './boards.js';
import type { ServerConfig } from './config.js';
import { Conn, ProtocolError } from './connection.js';
import { HttpError, readJson, sendError, sendJson, serveStatic } from './http.js';
import { Hub } from './hub.js';
import { consoleLogger, type Logger } from './log.js';
import { SqliteStore } from './storage/sqlite.js';
import type { BoardStore } from './storage/types.js';

/**
 * The socket layer drops frames over this multiple of the configured limit without reading them
 * (close 1009, no reason); between 1x and this, the server reads the frame and refuses it with a
 * clear reason.
 */
const HARD_PAYLOAD_FACTOR = 2;

/** Interval of WebSocket pings; a socket that missed one is dead (laptop lid closed, Wi-Fi gone). */
export const PING_INTERVAL_MS = 30_000;

type LiveSocket = WebSocket & { alive?: boolean };

export interface CharretteServer {
  url: string;
  port: number;
  hub: Hub;
  store: BoardStore;
  http: Server;
  /** Counters for operators and tests. */
  stats: { rejectedMessages: number; connections: number };
  close(): Promise<void>;
}

export async function startServer(
  config: ServerConfig,
  deps: { store?: BoardStore; log?: Logger } = {},
): Promise<CharretteServer> {
  const log = deps.log ?? consoleLogger;
  const store = deps.store ?? new SqliteStore(config.dataPath, { synchronous: config.synchronous });
  const hub = new Hub(store, log, { roomIdleMs: config.roomIdleMs, compactEvery: config.compactEvery });
  const stats = { rejectedMessages: 0, connections: 0 };
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxPayloadBytes * HARD_PAYLOAD_FACTOR, perMessageDeflate: false });

  const http = createServer((req, res) => {
    handleHttp(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        if (err.status === 413) {
          res.setHeader('Connection', 'close');
          res.on('finish', () => req.socket.destroy());
        }
        return sendError(req, res, err.status, err.message);
      }
      log.error(`HTTP ${req.method} ${req.url} failed`, err);
      if (!res.headersSent) sendError(req, res, 500, 'internal error');
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api/boards' && req.method === 'POST') {
      const record = await createBoard(store, await readJson(req));
      return sendJson(req, res, 201, { id: record.id, epoch: record.epoch, url: `/b/${record.id}` });
    }
    const m = /^\/api\/boards\/([^/]+)$/.exec(path);
    if (m && req.method === 'GET') {
      const id = parseBoardId(m[1]);
      const record = id ? await store.get(id) : null;
      if (!record) return sendError(req, res, 404, 'board not found');
      return sendJson(req, res, 200, { id: record.id, epoch: record.epoch, createdAt: record.createdAt });
    }
    if (path === '/healthz') return sendJson(req, res, 200, { ok: true, boards: hub.rooms.size, connections: stats.connections });
    if (path.startsWith('/api/')) return sendError(req, res, 404, 'no such endpoint');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(req, res, 405, 'method not allowed');
    if (!config.staticDir) return sendError(req, res, 404, 'not found');
    serveStatic(req, res, config.staticDir);
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/ws/')) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    // Refusals happen after the upgrade, as close codes: a browser gets no reason from a failed
    // handshake, and y-websocket stops retrying on a 44xx code.
    wss.handleUpgrade(req, socket, head, (ws) => void accept(ws, url));
  });

  async function accept(ws: WebSocket, url: URL): Promise<void> {
    stats.connections++;
    ws.on('close', () => stats.connections--);
    (ws as LiveSocket).alive = true;
    ws.on('pong', () => ((ws as LiveSocket).alive = true));
    ws.on('error', () => undefined);
    const refuse = (code: number, reason: string) => {
      stats.rejectedMessages++;
      ws.close(code, reason);
    };
    const id = parseBoardId(url.pathname.slice('/ws/'.length));
    if (!id) return refuse(CLOSE.NOT_FOUND, 'not a board id');
    if (url.searchParams.get(PARAM_VERSION) !== String(PROTOCOL_VERSION)) {
      return refuse(CLOSE.VERSION, `protocol version ${PROTOCOL_VERSION} required; reload the page`);
    }
    // Messages can arrive while the board loads; keep them in order until it is ready.
    const early: { data: Buffer; isBinary: boolean }[] = [];
    let conn: Conn | null = null;
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (conn) onMessage(conn, data, isBinary);
      else early.push({ data, isBinary });
    });
    const result = await hub.open(id);
    if (ws.readyState !== ws.OPEN) return;
    if (!result.ok) {
      if (result.reason === 'not-found') return refuse(CLOSE.NOT_FOUND, 'board not found');
      if (result.reason === 'too-new') return refuse(CLOSE.TOO_NEW, 'board needs a newer server');
      return refuse(CLOSE.UNAVAILABLE, 'board temporarily unavailable');
    }
    const epoch = url.searchParams.get(PARAM_EPOCH);
    if (epoch && epoch !== result.room.record.epoch) {
      return refuse(CLOSE.EPOCH, 'this board was reset; reload to get the current board');
    }
    const c = new Conn(ws, result.room);
    conn = c;
    hub.attach(c);
    ws.on('close', () => {
      c.closed = true;
      hub.detach(c);
    });
    c.greet();
    for (const m of early) onMessage(c, m.data, m.isBinary);
  }

  function onMessage(conn: Conn, data: Buffer, isBinary: boolean): void {
    if (conn.closed) return;
    if (!isBinary) {
      stats.rejectedMessages++;
      return conn.close(CLOSE.NOT_BINARY, 'binary frames only');
    }
    if (data.byteLength > config.maxPayloadBytes) {
      stats.rejectedMessages++;
      return conn.close(CLOSE.TOO_LARGE, `message over the ${formatBytes(config.maxPayloadBytes)} limit`);
    }
    try {
      conn.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (err) {
      stats.rejectedMessages++;
      if (err instanceof ProtocolError) return conn.close(err.code, err.message);
      log.error(`board ${conn.room.id}: unexpected error handling a message`, err);
      conn.close(CLOSE.MALFORMED, 'message could not be processed');
    }
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      const w = ws as LiveSocket;
      if (w.alive === false) {
        w.terminate();
        continue;
      }
      w.alive = false;
      w.ping();
    }
  }, PING_INTERVAL_MS);
  heartbeat.unref();
  await new Promise<void>((res, rej) => {
    http.once('error', rej);
    http.listen(config.port, config.host, () => res());
  });
  const port = (http.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    hub,
    store,
    http,
    stats,
    close: () =>
      (closing ??= (async () => {
        clearInterval(heartbeat);
        for (const ws of wss.clients) ws.close(CLOSE.SHUTDOWN, 'server restarting');
        await hub.close();
        await new Promise<void>((r) => http.close(() => r()));
        http.closeAllConnections();
        await store.close();
      })()),
  };
}

const formatBytes = (n: number): string =>
  n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
