/**
 * The servers under test and how to put users on one of their rooms. Each is started fresh in
 * its own process (and data directory), pinned to the server core when asked.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomId } from '../../shared/ids.js';
import { PARAM_COMPRESS, PARAM_TOKEN, PARAM_VERSION, PROTOCOL_VERSION } from '../../shared/protocol.js';
import { SERVER_CORE, startChild, type Child } from './child.js';
import { hocuspocusFraming, Y_WEBSOCKET, type Framing } from './framing.js';

export const TARGET_NAMES = ['charrette', 'baseline', 'reference', 'hocuspocus', 'relay'] as const;
/** Another checkout of Charrette (with its node_modules) to compare a change against in the same run. */
export const BASELINE_ENV = 'CHARRETTE_BENCH_BASELINE';
/** What runs when no targets are named: the baseline only when a checkout for it is given. */
export const DEFAULT_TARGETS: TargetName[] = TARGET_NAMES.filter((t) => t !== 'baseline' || Boolean(process.env[BASELINE_ENV]));
export type TargetName = (typeof TARGET_NAMES)[number];

export const TARGET_LABELS: Record<TargetName, string> = {
  charrette: 'Charrette',
  baseline: 'Charrette (baseline checkout)',
  reference: '@y/websocket-server 0.1.1',
  hocuspocus: 'Hocuspocus 3.4.4',
  relay: 'ws relay (ceiling)',
};

export interface Identity {
  /** Participant id notes must carry as author (ours checks it; the peers do not care). */
  id: string;
  name: string;
  team: string;
}

export interface Endpoint {
  url: string;
  framing: Framing;
  identity: Identity;
}

export interface BenchRoom {
  /** Endpoints for `n` more users of this room. */
  join(n: number): Promise<Endpoint[]>;
}

export interface Target {
  name: TargetName;
  /** Keeps the document and answers sync step 1 (the relay keeps nothing). */
  keepsState: boolean;
  /** Sends MSG_SAVED once updates are durably stored. */
  reportsDurable: boolean;
  pid: number;
  child: Child;
  /** Chrome DevTools endpoint of the server process, when started with `inspect`. */
  inspectorUrl: string | null;
  httpUrl: string;
  createRoom(): Promise<BenchRoom>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Pin the server to SERVER_CORE (the CLI does; the smoke test does not). */
  pin: boolean;
  /** Start node with the inspector on a random loopback port (heap measurements). */
  inspect?: boolean;
  /** Extra node flags for the server, e.g. `--cpu-prof` to profile it (written when it exits on SIGTERM). */
  nodeArgs?: string[];
}

const HOST = '127.0.0.1';
const JOIN_CONCURRENCY = 20;

const tempDirs = new Set<string>();
process.on('exit', () => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'charrette-bench-'));
  tempDirs.add(d);
  return d;
}

/** A port that was free a moment ago (for servers that cannot report the port they got). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, HOST, () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * The capacity scenarios put 10 connections at hundreds of edits/s each, which the per-connection
 * rate limits (sized for people: 100 messages/s) refuse by design. The limiter still runs; only
 * its thresholds are raised, as an operator would for a load test.
 */
const CAPACITY_LIMITS = {
  CHARRETTE_RATE_MESSAGES_PER_S: '100000',
  CHARRETTE_RATE_MESSAGE_BURST: '100000',
  CHARRETTE_RATE_BYTES_PER_S: String(256 * 1024 * 1024),
  CHARRETTE_RATE_BYTE_BURST: String(256 * 1024 * 1024),
};

const INSPECTOR_LINE = /Debugger listening on (ws:\/\/\S+)/;

export async function startTarget(name: TargetName, opts: StartOptions): Promise<Target> {
  const dir = tempDir();
  const node = (args: string[]) => [...(opts.inspect ? [`--inspect=${HOST}:0`] : []), ...(opts.nodeArgs ?? []), ...args];
  const core = opts.pin ? SERVER_CORE : undefined;
  let child: Child;
  let httpUrl: string;
  switch (name) {
    case 'charrette':
    case 'baseline': {
      const staticDir = join(dir, 'static');
      mkdirSync(staticDir);
      const cwd = name === 'baseline' ? process.env[BASELINE_ENV] : undefined;
      if (name === 'baseline' && !cwd) throw new Error(`the baseline target needs ${BASELINE_ENV}=<path of another checkout>`);
      child = await startChild({
        name,
        command: process.execPath,
        args: node(['--import', 'tsx', 'server/main.ts']),
        env: { PORT: '0', HOST, CHARRETTE_DATA: join(dir, 'charrette.db'), CHARRETTE_STATIC: staticDir, ...CAPACITY_LIMITS },
        cwd,
        core,
        ready: /open (http:\/\/\S+)/,
      });
      httpUrl = child.ready[1]!.replace('localhost', HOST);
      break;
    }
    case 'reference': {
      // Its shipped entry prints the configured port, so it is given a free one.
      const port = await freePort();
      child = await startChild({
        name,
        command: process.execPath,
        args: node(['node_modules/@y/websocket-server/src/server.js']),
        env: { HOST, PORT: String(port) },
        core,
        ready: /running at/,
      });
      httpUrl = `http://${HOST}:${port}`;
      break;
    }
    case 'hocuspocus':
    case 'relay':
      child = await startChild({
        name,
        command: process.execPath,
        args: node(['--import', 'tsx', `test/bench/peers/${name}.ts`]),
        env: { HOST, PORT: '0' },
        core,
        ready: /open (http:\/\/\S+)/,
      });
      httpUrl = child.ready[1]!;
      break;
  }
  const wsUrl = httpUrl.replace(/^http/, 'ws');
  return {
    name,
    keepsState: name !== 'relay',
    reportsDurable: isCharrette(name),
    pid: child.pid,
    child,
    inspectorUrl: opts.inspect ? (INSPECTOR_LINE.exec(child.output())?.[1] ?? null) : null,
    httpUrl,
    createRoom: () => (isCharrette(name) ? charretteRoom(httpUrl, wsUrl) : peerRoom(name, wsUrl)),
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    },
  };
}

export const isCharrette = (t: TargetName): boolean => t === 'charrette' || t === 'baseline';

async function peerRoom(name: TargetName, wsUrl: string): Promise<BenchRoom> {
  const room = `bench-${randomId(10)}`;
  let next = 0;
  return {
    async join(n) {
      return Array.from({ length: n }, () => {
        const i = next++;
        const identity = { id: `u${i}`, name: `User ${i}`, team: '' };
        // Hocuspocus names the document inside each message; the others by the URL path.
        return name === 'hocuspocus'
          ? { url: wsUrl, framing: hocuspocusFraming(room), identity }
          : { url: `${wsUrl}/${room}`, framing: Y_WEBSOCKET, identity };
      });
    },
  };
}

async function postJson(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status} ${String(json.error)}`);
  return json;
}

/** A Charrette board in the brainstorm phase; each user joins with the board's code, as a participant. */
async function charretteRoom(httpUrl: string, wsUrl: string): Promise<BenchRoom> {
  const board = await postJson(`${httpUrl}/api/boards`, { title: 'Benchmark' });
  const id = String(board.id);
  await postJson(`${httpUrl}/api/boards/${id}/commands`, { type: 'setPhase', phase: 'brainstorm' }, String(board.facilitatorToken));
  let next = 0;
  const joinOne = async (): Promise<Endpoint> => {
    const i = next++;
    const j = await postJson(`${httpUrl}/api/join/${String(board.joinCode)}`, { name: `User ${i}` });
    const p = j.participant as Identity;
    // As our browser client does: ask for the compressed initial state (servers without it ignore the parameter).
    const q = new URLSearchParams({ [PARAM_VERSION]: String(PROTOCOL_VERSION), [PARAM_TOKEN]: String(j.token), [PARAM_COMPRESS]: '1' });
    return { url: `${wsUrl}/ws/${id}?${q}`, framing: Y_WEBSOCKET, identity: { id: p.id, name: p.name, team: p.team } };
  };
  return {
    async join(n) {
      const out: Endpoint[] = [];
      for (let i = 0; i < n; i += JOIN_CONCURRENCY) {
        out.push(...(await Promise.all(Array.from({ length: Math.min(JOIN_CONCURRENCY, n - i) }, joinOne))));
      }
      return out;
    },
  };
}
