import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, tempDir } from '../helpers/server.js';

describe('HTTP API and static client', () => {
  const tmp = tempDir();
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    const dist = join(tmp.dir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Charrette</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    srv = await startTestServer({ staticDir: dist });
  });
  afterAll(async () => {
    await srv.cleanup();
    tmp.cleanup();
  });

  it('creates a board and reads it back', async () => {
    const res = await fetch(`${srv.url}/api/boards`, { method: 'POST', body: JSON.stringify({ title: 'Mastery: teacher moves' }) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; epoch: string; url: string };
    expect(body.url).toBe(`/b/${body.id}`);
    const got = await fetch(`${srv.url}/api/boards/${body.id}`);
    expect(got.status).toBe(200);
    expect(((await got.json()) as { epoch: string }).epoch).toBe(body.epoch);
  });

  it.each([
    ['bad JSON', 'POST', '/api/boards', '{nope', 400],
    ['non-string title', 'POST', '/api/boards', '{"title": 5}', 400],
    ['oversized body', 'POST', '/api/boards', JSON.stringify({ title: 'x'.repeat(20_000) }), 413],
    ['unknown board', 'GET', '/api/boards/23456789abcd', undefined, 404],
    ['malformed board id', 'GET', '/api/boards/..', undefined, 404],
    ['unknown endpoint', 'GET', '/api/nope', undefined, 404],
  ])('%s', async (_n, method, path, body, status) => {
    const res = await fetch(`${srv.url}${path}`, { method, body });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(0);
  });

  it('serves the client with SPA fallback and strict security headers', async () => {
    const page = await fetch(`${srv.url}/b/23456789abcd`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Charrette</title>');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    // Cross-origin isolated: both headers are needed.
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const asset = await fetch(`${srv.url}/assets/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${srv.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${srv.url}/..%2f..%2fetc%2fpasswd`)).status).not.toBe(500);
  });
});
