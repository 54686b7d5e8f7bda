/**
 * HTTP: the JSON API, the built client (with SPA fallback), and the security headers every
 * response carries. No third-party origin appears anywhere: participants are often minors.
 */
import { createReadStream, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export const MAX_JSON_BODY_BYTES = 16 * 1024;

/** Headers for every response. The CSP allows only this origin (and its own WebSocket). */
export function securityHeaders(req: IncomingMessage): Record<string, string> {
  const host = req.headers.host ?? '';
  const ws = host ? ` ws://${host} wss://${host}` : '';
  return {
    'Content-Security-Policy':
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; ` +
      `connect-src 'self'${ws}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    // Board and join links are capabilities: never leak them to another site.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    // With the opener policy, this isolates the page from other sites (its own process, no
    // shared browsing context). The CSP already loads nothing from another origin, so it
    // blocks nothing; the page's clock gets 5 µs steps instead of 100 µs (frame timing).
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders(req),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-store',
  });
  res.end(data);
}

export const sendError = (req: IncomingMessage, res: ServerResponse, status: number, error: string): void =>
  sendJson(req, res, status, { error });

/** Read a small JSON body; resolves to null for an empty body, rejects on oversize or bad JSON. */
export function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (tooLarge) return;
      if (size > MAX_JSON_BODY_BYTES) {
        // The caller answers 413 and then drops the connection; the rest of the body is ignored.
        tooLarge = true;
        chunks.length = 0;
        reject(new HttpError(413, 'request body too large'));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (tooLarge) return;
      if (size === 0) return resolveBody(null);
      try {
        resolveBody(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Serve a file from the built client, falling back to index.html for app routes. */
export function serveStatic(req: IncomingMessage, res: ServerResponse, staticDir: string): void {
  const root = resolve(staticDir);
  const urlPath = decodeURIComponent((req.url ?? '/').split('?')[0]!);
  let file = resolve(join(root, normalize(urlPath)));
  if (file !== root && !file.startsWith(root + sep)) return sendError(req, res, 404, 'not found');
  let st = statOrNull(file);
  if (!st || st.isDirectory()) {
    // Asset paths that do not exist are real 404s; anything else is an app route.
    if (urlPath.startsWith('/assets/')) return sendError(req, res, 404, 'not found');
    file = join(root, 'index.html');
    st = statOrNull(file);
    if (!st) {
      res.writeHead(503, { ...securityHeaders(req), 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The client is not built. Run "npm start" (which builds it) or "npm run build".\n');
      return;
    }
  }
  const immutable = urlPath.startsWith('/assets/');
  res.writeHead(200, {
    ...securityHeaders(req),
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Length': st.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
