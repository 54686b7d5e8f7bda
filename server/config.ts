/** Server configuration from the environment, with the defaults of a local install. */
import { resolve } from 'node:path';
import { DEFAULT_HUB_OPTIONS } from './hub.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './ratelimit.js';

export interface ServerConfig {
  port: number;
  host: string;
  /** SQLite file; its folder also holds anything else the server keeps. */
  dataPath: string;
  /** Largest accepted WebSocket message, bytes. */
  maxPayloadBytes: number;
  synchronous: 'full' | 'normal';
  /** Folder of the built client; null to serve no static files (API-only tests). */
  staticDir: string | null;
  roomIdleMs: number;
  compactEvery: number;
  /** Shortest time between two commits (and fan-outs) of a busy server; see HubOptions. */
  flushIntervalMs: number;
  /** The longest the flush window grows to while the server is busy; see HubOptions. */
  busyFlushIntervalMs: number;
  /** Shortest time between a flush and one carrying only presence; see HubOptions. */
  presenceIntervalMs: number;
  /** How long an unused board document stays live while people are connected; see HubOptions. */
  docIdleMs: number;
  /** Browser origins allowed to open a WebSocket besides the server's own; '*' allows any. */
  allowedOrigins: string[];
  /** When set, creating a board requires this key (header X-Charrette-Key). */
  createKey: string | null;
  maxConnectionsPerBoard: number;
  /** Trust X-Forwarded-For / -Proto (only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** The URL people reach the server at, for QR codes (default: from the request's Host). */
  publicUrl: string | null;
  /** Per-connection limits: messages and bytes per second, with bursts. */
  rateLimits: RateLimits;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

function int(v: string | undefined, dflt: number, name: string): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

/** Read configuration; throws with the variable's name on a bad value. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const sync = env.CHARRETTE_SYNC ?? 'full';
  if (sync !== 'full' && sync !== 'normal') throw new Error(`CHARRETTE_SYNC must be "full" or "normal", got "${sync}"`);
  return {
    port: int(env.PORT, DEFAULT_PORT, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataPath: resolve(env.CHARRETTE_DATA ?? 'data/charrette.db'),
    maxPayloadBytes: int(env.CHARRETTE_MAX_PAYLOAD, DEFAULT_MAX_PAYLOAD_BYTES, 'CHARRETTE_MAX_PAYLOAD'),
    synchronous: sync,
    staticDir: resolve(env.CHARRETTE_STATIC ?? 'dist'),
    roomIdleMs: int(env.CHARRETTE_ROOM_IDLE_MS, 5_000, 'CHARRETTE_ROOM_IDLE_MS'),
    compactEvery: int(env.CHARRETTE_COMPACT_EVERY, 500, 'CHARRETTE_COMPACT_EVERY'),
    flushIntervalMs: int(env.CHARRETTE_FLUSH_MS, DEFAULT_HUB_OPTIONS.flushIntervalMs, 'CHARRETTE_FLUSH_MS'),
    busyFlushIntervalMs: int(env.CHARRETTE_BUSY_FLUSH_MS, DEFAULT_HUB_OPTIONS.busyFlushIntervalMs, 'CHARRETTE_BUSY_FLUSH_MS'),
    presenceIntervalMs: int(env.CHARRETTE_PRESENCE_FLUSH_MS, DEFAULT_HUB_OPTIONS.presenceIntervalMs, 'CHARRETTE_PRESENCE_FLUSH_MS'),
    docIdleMs: int(env.CHARRETTE_DOC_IDLE_MS, DEFAULT_HUB_OPTIONS.docIdleMs, 'CHARRETTE_DOC_IDLE_MS'),
    allowedOrigins: (env.CHARRETTE_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    createKey: env.CHARRETTE_CREATE_KEY || null,
    maxConnectionsPerBoard: int(env.CHARRETTE_MAX_CONNECTIONS_PER_BOARD, 500, 'CHARRETTE_MAX_CONNECTIONS_PER_BOARD'),
    trustProxy: env.CHARRETTE_TRUST_PROXY === '1' || env.CHARRETTE_TRUST_PROXY === 'true',
    publicUrl: env.CHARRETTE_PUBLIC_URL || null,
    rateLimits: {
      messagesPerSecond: int(env.CHARRETTE_RATE_MESSAGES_PER_S, DEFAULT_RATE_LIMITS.messagesPerSecond, 'CHARRETTE_RATE_MESSAGES_PER_S'),
      messageBurst: int(env.CHARRETTE_RATE_MESSAGE_BURST, DEFAULT_RATE_LIMITS.messageBurst, 'CHARRETTE_RATE_MESSAGE_BURST'),
      bytesPerSecond: int(env.CHARRETTE_RATE_BYTES_PER_S, DEFAULT_RATE_LIMITS.bytesPerSecond, 'CHARRETTE_RATE_BYTES_PER_S'),
      byteBurst: int(env.CHARRETTE_RATE_BYTE_BURST, DEFAULT_RATE_LIMITS.byteBurst, 'CHARRETTE_RATE_BYTE_BURST'),
    },
  };
}
