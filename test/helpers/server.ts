/** Test helpers: a real server on port 0 with its own SQLite file, and real y-websocket clients. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { startServer, type CharretteServer } from '../../server/app.js';
import type { ServerConfig } from '../../server/config.js';
import { DEFAULT_HUB_OPTIONS } from '../../server/hub.js';
import { DEFAULT_RATE_LIMITS } from '../../server/ratelimit.js';
import { silentLogger, type Logger } from '../../server/log.js';
import { MSG_SAVED, PARAM_EPOCH, PARAM_TOKEN, PARAM_VERSION, PROTOCOL_VERSION } from '../../shared/protocol.js';

export function tempDir(prefix = 'charrette-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(joinPath(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testConfig(dataPath: string, over: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataPath,
    maxPayloadBytes: 1024 * 1024,
    synchronous: 'normal',
    staticDir: null,
    roomIdleMs: 200,
    compactEvery: 500,
    flushIntervalMs: DEFAULT_HUB_OPTIONS.flushIntervalMs,
    busyFlushIntervalMs: DEFAULT_HUB_OPTIONS.busyFlushIntervalMs,
    presenceIntervalMs: DEFAULT_HUB_OPTIONS.presenceIntervalMs,
    docIdleMs: DEFAULT_HUB_OPTIONS.docIdleMs,
    allowedOrigins: [],
    createKey: null,
    maxConnectionsPerBoard: 500,
    trustProxy: false,
    publicUrl: null,
    rateLimits: DEFAULT_RATE_LIMITS,
    ...over,
  };
}

export interface TestServer extends CharretteServer {
  wsUrl: string;
  dataPath: string;
}

export async function startTestServer(over: Partial<ServerConfig> & { dataPath?: string; log?: Logger } = {}): Promise<TestServer & { cleanup: () => Promise<void> }> {
  const tmp = over.dataPath ? null : tempDir();
  const dataPath = over.dataPath ?? joinPath(tmp!.dir, 'test.db');
  const server = await startServer(testConfig(dataPath, over), { log: over.log ?? silentLogger });
  return Object.assign(server, {
    wsUrl: server.url.replace(/^http/, 'ws') + '/ws',
    dataPath,
    cleanup: async () => {
      await server.close();
      tmp?.cleanup();
    },
  });
}

export interface TestBoard {
  id: string;
  epoch: string;
  joinCode: string;
  facilitatorToken: string;
  projectorToken: string;
}

export async function createBoard(baseUrl: string, title = 'Test board', teams: { id: string; name: string; color?: string }[] = []): Promise<TestBoard> {
  const res = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, teams }),
  });
  if (res.status !== 201) throw new Error(`create board: HTTP ${res.status}`);
  return (await res.json()) as TestBoard;
}

/** Run a facilitator command; returns the JSON answer (throws on an error status). */
export async function command(baseUrl: string, board: TestBoard, body: Record<string, unknown>, token = board.facilitatorToken): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}/api/boards/${board.id}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw Object.assign(new Error(`command ${String(body.type)}: HTTP ${res.status} ${String(json.error)}`), { status: res.status });
  return json;
}

export interface Participant {
  token: string;
  id: string;
  name: string;
  team: string;
}

/** Join with the board's code, as the /join page does. */
export async function join(baseUrl: string, code: string, name = '', team = ''): Promise<Participant> {
  const res = await fetch(`${baseUrl}/api/join/${code}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, team }),
  });
  if (!res.ok) throw new Error(`join: HTTP ${res.status}`);
  const body = (await res.json()) as { token: string; participant: { id: string; name: string; team: string } };
  return { token: body.token, ...body.participant };
}

/** A board in the brainstorm phase, ready for participants to post. */
export async function brainstormBoard(baseUrl: string, title?: string): Promise<TestBoard> {
  const board = await createBoard(baseUrl, title);
  await command(baseUrl, board, { type: 'setPhase', phase: 'brainstorm' });
  return board;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A real y-websocket provider (Node `ws`) on a board, with a token (facilitator's by default). */
export function connectClient(wsUrl: string, board: TestBoard, opts: { token?: string; epoch?: string | null } = {}): Client {
  const doc = new Y.Doc();
  const params: Record<string, string> = {
    [PARAM_VERSION]: String(PROTOCOL_VERSION),
    [PARAM_TOKEN]: opts.token ?? board.facilitatorToken,
  };
  const epoch = opts.epoch === undefined ? board.epoch : opts.epoch;
  if (epoch) params[PARAM_EPOCH] = epoch;
  const provider = new WebsocketProvider(wsUrl, board.id, doc, {
    params,
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  // Tests that care about save acknowledgements replace this handler.
  provider.messageHandlers[MSG_SAVED] = () => undefined;
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolve when `pred` holds, polling; reject with `what` after `timeoutMs`. */
export async function waitFor(pred: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const waitSynced = (c: Client): Promise<void> => waitFor(() => c.provider.synced, 'provider sync');
