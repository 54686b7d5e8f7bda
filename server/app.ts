/**
 * One Charrette server: HTTP (API + built client) and the y-websocket endpoint at /ws/<boardId>.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BoardId } from '../shared/ids.js';
import { CLOSE, MSG_AWARENESS, PARAM_COMPRESS, PARAM_EPOCH, PARAM_TOKEN, PARAM_VERSION, PROTOCOL_VERSION } from '../shared/protocol.js';
import { createApi } from './api.js';
import { parseBoardId } from './boards.js';
import type { ServerConfig } from './config.js';
import { closeSocket, Conn, ProtocolError, safeReason } from './connection.js';
import { HttpError, sendError, sendJson, serveStatic } from './http.js';
import { DEFAULT_HUB_OPTIONS, Hub } from './hub.js';
import { consoleLogger, type Logger } from './log.js';
import { SqliteStore } from './storage/sqlite.js';
import type { BoardStore } from './storage/types.js';
import { TokenSigner } from './tokens.js';

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
  signer: TokenSigner;
  http: Server;
  /** Counters for operators and tests. */
  stats: { rejectedMessages: number; rejectedWrites: number; connections: number };
  close(): Promise<void>;
}

export async function startServer(
  config: ServerConfig,
  deps: { store?: BoardStore; log?: Logger } = {},
): Promise<CharretteServer> {
  const log = deps.log ?? consoleLogger;
  const store = deps.store ?? new SqliteStore(config.dataPath, { synchronous: config.synchronous, log });
  const signer = new TokenSigner(await store.setting('token-secret', () => randomBytes(32).toString('base64url')));
  const hub = new Hub(store, log, { ...DEFAULT_HUB_OPTIONS, roomIdleMs: config.roomIdleMs, compactEvery: config.compactEvery, flushIntervalMs: config.flushIntervalMs, busyFlushIntervalMs: config.busyFlushIntervalMs, presenceIntervalMs: config.presenceIntervalMs, docIdleMs: config.docIdleMs });
  hub.onRefused = (conn, err) => refuseMessage(conn, err);
  const stats = { rejectedMessages: 0, rejectedWrites: 0, connections: 0 };
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxPayloadBytes * HARD_PAYLOAD_FACTOR, perMessageDeflate: false });

  const closeParticipant = (boardId: BoardId, participantId: string) => {
    const room = hub.rooms.get(boardId);
    if (!room) return;
    for (const c of [...room.conns]) {
      if (c.claims.role === 'participant' && c.claims.id === participantId) c.close(CLOSE.REMOVED, 'removed by the facilitator');
    }
  };
  const api = createApi({ config, store, hub, signer, closeParticipant });

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
    if (path.startsWith('/api/')) {
      if (!(await api(req, res, path))) sendError(req, res, 404, 'no such endpoint');
      return;
    }
    if (path === '/healthz') return sendJson(req, res, 200, { ok: true, boards: hub.rooms.size, connections: stats.connections });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(req, res, 405, 'method not allowed');
    if (!config.staticDir) return sendError(req, res, 404, 'not found');
    serveStatic(req, res, config.staticDir);
  }

  /** Same-origin browsers, listed origins, and non-browser clients (which send no Origin). */
  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (!origin || config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/ws/')) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!originAllowed(req)) {
      log.warn(`refused WebSocket from origin ${req.headers.origin}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    // Other refusals happen after the upgrade, as close codes: a browser gets no reason from a
    // failed handshake, and y-websocket stops retrying on a 44xx code.
    wss.handleUpgrade(req, socket, head, (ws) => void accept(ws, url));
  });

  async function accept(ws: LiveSocket, url: URL): Promise<void> {
    stats.connections++;
    ws.alive = true;
    ws.on('pong', () => (ws.alive = true));
    ws.on('close', () => stats.connections--);
    ws.on('error', () => undefined);
    const refuse = (code: number, reason: string) => {
      stats.rejectedMessages++;
      closeSocket(ws, code, reason);
    };
    // Board id and token are checked for shape and signature before anything touches storage.
    const id = parseBoardId(url.pathname.slice('/ws/'.length));
    if (!id) return refuse(CLOSE.NOT_FOUND, 'not a board id');
    if (url.searchParams.get(PARAM_VERSION) !== String(PROTOCOL_VERSION)) {
      return refuse(CLOSE.VERSION, `protocol version ${PROTOCOL_VERSION} required; reload the page`);
    }
    const claims = signer.verify(url.searchParams.get(PARAM_TOKEN));
    if (!claims || claims.board !== id) return refuse(CLOSE.UNAUTHORIZED, 'join the board first (missing or invalid token)');
    // Messages can arrive while the board loads; keep them in order until it is ready.
    const early: { data: Buffer; isBinary: boolean }[] = [];
    let conn: Conn | null = null;
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (conn) onMessage(conn, data, isBinary);
      else if (early.length < 64) early.push({ data, isBinary });
    });
    if (claims.role === 'participant' && (await store.isRemoved(id, claims.id))) {
      return refuse(CLOSE.REMOVED, 'removed by the facilitator');
    }
    const result = await hub.open(id);
    if (ws.readyState !== ws.OPEN) return;
    if (!result.ok) {
      if (result.reason === 'not-found') return refuse(CLOSE.NOT_FOUND, 'board not found');
      if (result.reason === 'too-new') return refuse(CLOSE.TOO_NEW, 'board needs a newer server');
      return refuse(CLOSE.UNAVAILABLE, 'board temporarily unavailable');
    }
    const room = result.room;
    const epoch = url.searchParams.get(PARAM_EPOCH);
    if (claims.epoch !== room.record.epoch || (epoch && epoch !== room.record.epoch)) {
      return refuse(CLOSE.EPOCH, 'this board was reset; reload to get the current board');
    }
    if (room.conns.size >= config.maxConnectionsPerBoard) {
      hub.touch(room);
      return refuse(CLOSE.BOARD_FULL, 'this board has as many people as the server allows');
    }
    const c = new Conn(ws, room, claims, config.rateLimits, url.searchParams.get(PARAM_COMPRESS) === '1');
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
    // Presence echoes are free (see stampAwareness); only what a socket says for itself is charged.
    if (data[0] !== MSG_AWARENESS && !conn.admit(data.byteLength)) {
      stats.rejectedMessages++;
      return conn.close(CLOSE.RATE_LIMITED, 'sending too fast; reconnecting shortly');
    }
    try {
      conn.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (err) {
      refuseMessage(conn, err);
    }
  }

  /** Close `conn` for a message it cannot send (now, or when its queued update is applied), counted and logged. */
  function refuseMessage(conn: Conn, err: unknown): void {
    stats.rejectedMessages++;
    if (err instanceof ProtocolError) {
      if (err.code === CLOSE.FORBIDDEN) {
        stats.rejectedWrites++;
        log.warn(`board ${conn.room.id}: refused a write from ${conn.claims.role} ${conn.claims.id}: ${JSON.stringify(safeReason(err.message))}`);
      }
      return conn.close(err.code, err.message);
    }
    log.error(`board ${conn.room.id}: unexpected error handling a message`, err);
    conn.close(CLOSE.MALFORMED, 'message could not be processed');
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients as Set<LiveSocket>) {
      if (ws.alive === false) {
        ws.terminate();
        continue;
      }
      ws.alive = false;
      ws.ping();
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
    signer,
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
