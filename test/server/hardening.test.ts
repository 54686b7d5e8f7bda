import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE, MSG_SYNC, SYNC_STEP1 } from '../../shared/protocol.js';
import { message, rawClient } from '../helpers/raw.js';
import { createBoard, startTestServer } from '../helpers/server.js';
import type { ServerConfig } from '../../server/config.js';

describe('hardening', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>> | null = null;
  const start = async (over: Partial<ServerConfig> = {}) => (srv = await startTestServer(over));
  afterEach(async () => {
    await srv?.cleanup();
    srv = null;
  });

  const upgradeStatus = (url: string, origin: string) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(url, { origin });
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });

  it('refuses WebSocket upgrades from other origins unless allowed', async () => {
    const s = await start({ allowedOrigins: ['https://district.example.org'] });
    const board = await createBoard(s.url);
    const url = `${s.wsUrl}/${board.id}?v=1&token=${board.facilitatorToken}`;
    expect(await upgradeStatus(url, 'https://evil.example.com')).toBe(403);
    expect(await upgradeStatus(url, s.url)).toBe(101);
    expect(await upgradeStatus(url, 'https://district.example.org')).toBe(101);
  });

  it('an instance key restricts who may create boards', async () => {
    const s = await start({ createKey: 'district-secret' });
    const denied = await fetch(`${s.url}/api/boards`, { method: 'POST' });
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as { error: string }).error).toMatch(/instance key/);
    const ok = await fetch(`${s.url}/api/boards`, { method: 'POST', headers: { 'x-charrette-key': 'district-secret' } });
    expect(ok.status).toBe(201);
  });

  it('closes a socket that floods messages, with a retryable code; others are unaffected', async () => {
    const s = await start();
    const board = await createBoard(s.url);
    const calm = rawClient(s.wsUrl, board.id, { token: board.facilitatorToken });
    const flood = rawClient(s.wsUrl, board.id, { token: board.facilitatorToken });
    await Promise.all([calm.opened, flood.opened]);
    const step1 = message([MSG_SYNC, SYNC_STEP1], Uint8Array.of(0));
    for (let i = 0; i < 2_000 && flood.ws.readyState === flood.ws.OPEN; i++) flood.send(step1);
    const closed = await flood.closed;
    expect(closed.code).toBe(CLOSE.RATE_LIMITED);
    expect(closed.reason).toMatch(/too fast/);
    calm.send(message([MSG_SYNC, SYNC_STEP1], Uint8Array.of(0)));
    await new Promise((r) => setTimeout(r, 100));
    expect(calm.ws.readyState).toBe(calm.ws.OPEN);
    calm.ws.close();
  });

  it('limits connections per board', async () => {
    const s = await start({ maxConnectionsPerBoard: 3 });
    const board = await createBoard(s.url);
    const socks = [0, 1, 2].map(() => rawClient(s.wsUrl, board.id, { token: board.facilitatorToken }));
    await Promise.all(socks.map((c) => c.opened));
    await new Promise((r) => setTimeout(r, 100));
    const fourth = rawClient(s.wsUrl, board.id, { token: board.facilitatorToken });
    const closed = await fourth.closed;
    expect(closed.code).toBe(CLOSE.BOARD_FULL);
    for (const c of socks) c.ws.close();
  });
});
