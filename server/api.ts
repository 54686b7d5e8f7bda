/** The JSON API: boards, joining, facilitator commands, QR codes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import type { BoardId } from '../shared/ids.js';
import { selectMeta } from '../shared/meta.js';
import { CLOSE } from '../shared/protocol.js';
import { boardForCode, createBoard, joinBoard, parseBoardId, runCommand } from './boards.js';
import type { ServerConfig } from './config.js';
import { HttpError, readJson, securityHeaders, sendJson } from './http.js';
import type { Hub } from './hub.js';
import { KeyedBuckets } from './ratelimit.js';
import type { BoardRecord, BoardStore } from './storage/types.js';
import type { Claims, TokenSigner } from './tokens.js';
import { handleVotes } from './votes.js';
import { openRoom } from './request.js';
import { DraftCounts } from './facilitation.js';

/**
 * Wrong join codes allowed per address: a burst of 30, refilled at 1 per 2 s. Correct codes
 * never count, so a class of 40 on one school address joins freely, while guessing one of
 * 23^6 ≈ 148 million codes at 30 per minute is hopeless.
 */
export const JOIN_FAILURE_BURST = 30;
export const JOIN_FAILURES_PER_SECOND = 0.5;

export interface ApiContext {
  config: ServerConfig;
  store: BoardStore;
  hub: Hub;
  signer: TokenSigner;
  closeParticipant: (boardId: BoardId, participantId: string) => void;
}

export function createApi(ctx: ApiContext) {
  const { config, store, hub, signer } = ctx;
  const joinFailures = new KeyedBuckets(JOIN_FAILURES_PER_SECOND, JOIN_FAILURE_BURST);
  const drafts = new DraftCounts();

  /** Verify the bearer token for board `id`; throws 401/403 unless it is genuine and current. */
  async function authorize(req: IncomingMessage, id: BoardId): Promise<{ claims: Claims; record: BoardRecord }> {
    const header = req.headers.authorization ?? '';
    const claims = signer.verify(header.startsWith('Bearer ') ? header.slice(7) : null);
    const record = await store.get(id);
    if (!record) throw new HttpError(404, 'board not found');
    if (!claims || claims.board !== id || claims.epoch !== record.epoch) throw new HttpError(401, 'a valid token for this board is required');
    if (claims.role === 'participant' && (await store.isRemoved(id, claims.id))) throw new HttpError(403, 'removed from this board');
    return { claims, record };
  }

  /** A join code from the URL, with per-address throttling of wrong guesses. */
  async function codeBoard(req: IncomingMessage, typed: string): Promise<BoardRecord> {
    const ip = clientAddress(req, config.trustProxy);
    if (!joinFailures.available(ip)) throw new HttpError(429, 'too many wrong codes from this network; wait a minute and try again');
    const record = await boardForCode(store, decodeURIComponent(typed));
    if (!record) {
      joinFailures.take(ip);
      throw new HttpError(404, 'no board has this code; check it with your facilitator');
    }
    return record;
  }

  /** Handle an /api request; false when no route matches. */
  return async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const method = req.method ?? 'GET';
    if (path === '/api/boards' && method === 'POST') {
      // AUTH: an instance key, when the host set one, restricts who may create boards.
      if (config.createKey && req.headers['x-charrette-key'] !== config.createKey) {
        throw new HttpError(401, 'this server requires an instance key to create boards');
      }
      const { record, facilitatorToken, projectorToken } = await createBoard(store, signer, await readJson(req));
      sendJson(req, res, 201, {
        id: record.id,
        epoch: record.epoch,
        joinCode: record.joinCode,
        facilitatorToken,
        projectorToken,
        url: `/b/${record.id}`,
        facilitatorUrl: `/b/${record.id}#f=${facilitatorToken}`,
        projectorUrl: `/p/${record.id}#k=${projectorToken}`,
        joinUrl: `/join/${record.joinCode}`,
      });
      return true;
    }
    if (path === '/api/time' && method === 'GET') {
      // For clock-skew correction of the shared timer: clients measure their offset to this.
      sendJson(req, res, 200, { now: Date.now() });
      return true;
    }
    const dm = /^\/api\/boards\/([^/]+)\/drafts$/.exec(path);
    if (dm) {
      const id = parseBoardId(dm[1]);
      if (!id) throw new HttpError(404, 'board not found');
      const { claims } = await authorize(req, id);
      if (method === 'POST') {
        // Only a count: the drafts themselves never leave the participant's device.
        if (claims.role === 'projector') throw new HttpError(403, 'the projector view is read-only');
        const count = (await readJson(req) as { count?: unknown } | null)?.count;
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 10_000) throw new HttpError(400, 'count must be a whole number');
        drafts.set(id, { id: claims.id, name: claims.name, team: claims.team }, count);
        sendJson(req, res, 200, { count });
        return true;
      }
      if (method === 'GET') {
        if (claims.role !== 'facilitator') throw new HttpError(403, 'only the facilitator can see draft counts');
        sendJson(req, res, 200, { drafts: drafts.list(id) });
        return true;
      }
    }
    const v = /^\/api\/boards\/([^/]+)(\/votes(?:\/mine|\/done|\/progress)?)$/.exec(path);
    if (v) {
      const id = parseBoardId(v[1]);
      if (!id) throw new HttpError(404, 'board not found');
      const { claims } = await authorize(req, id);
      return handleVotes(req, res, v[2]!, claims, store, hub);
    }
    let m = /^\/api\/boards\/([^/]+)(\/session|\/commands)?$/.exec(path);
    if (m) {
      const id = parseBoardId(m[1]);
      if (!id) throw new HttpError(404, 'board not found');
      if (!m[2] && method === 'GET') {
        const record = await store.get(id);
        if (!record) throw new HttpError(404, 'board not found');
        sendJson(req, res, 200, { id: record.id, epoch: record.epoch, createdAt: record.createdAt });
        return true;
      }
      if (!m[2] && method === 'DELETE') {
        // Everything goes: notes, categories, votes, names, links. Whoever is on it is told so.
        const { claims } = await authorize(req, id);
        if (claims.role !== 'facilitator') throw new HttpError(403, 'only the facilitator can delete this board');
        await hub.destroy(id, (c) => c.close(CLOSE.NOT_FOUND, 'this board was deleted by its facilitator'));
        drafts.clear(id);
        sendJson(req, res, 200, { deleted: true });
        return true;
      }
      if (m[2] === '/session' && method === 'GET') {
        const { claims, record } = await authorize(req, id);
        const seesCode = claims.role !== 'participant';
        sendJson(req, res, 200, {
          role: claims.role,
          id: claims.id,
          name: claims.name,
          team: claims.team,
          epoch: record.epoch,
          joinCode: seesCode ? record.joinCode : undefined,
          joinUrl: seesCode ? `/join/${record.joinCode}` : undefined,
          participants: claims.role === 'facilitator' ? await store.listParticipants(id) : undefined,
          // A facilitator on a second device can still open the projector view.
          projectorUrl: claims.role === 'facilitator'
            ? `/p/${id}#k=${signer.sign({ board: id, epoch: record.epoch, role: 'projector', id: 'projector', name: '', team: '', issuedAt: Date.now() })}`
            : undefined,
        });
        return true;
      }
      if (m[2] === '/commands' && method === 'POST') {
        const { claims } = await authorize(req, id);
        sendJson(req, res, 200, await runCommand(store, hub, claims, await readJson(req), ctx.closeParticipant, drafts));
        return true;
      }
    }
    m = /^\/api\/join\/([^/]+)(\/qr\.svg)?$/.exec(path);
    if (m) {
      const record = await codeBoard(req, m[1]!);
      if (m[2] && method === 'GET') {
        const origin = publicOrigin(req, config);
        const svg = await QRCode.toString(`${origin}/join/${record.joinCode}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
        res.writeHead(200, { ...securityHeaders(req), 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' });
        res.end(svg);
        return true;
      }
      if (!m[2] && method === 'GET') {
        const meta = selectMeta((await openRoom(hub, record.id)).doc);
        sendJson(req, res, 200, { boardId: record.id, title: meta.title, teams: meta.teams, joinCode: record.joinCode });
        return true;
      }
      if (!m[2] && method === 'POST') {
        sendJson(req, res, 200, await joinBoard(store, hub, signer, record, await readJson(req)));
        return true;
      }
    }
    return false;
  };
}

/** The address a request came from (X-Forwarded-For only behind a trusted proxy). */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers['x-forwarded-for'];
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

function publicOrigin(req: IncomingMessage, config: ServerConfig): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/$/, '');
  const proto = config.trustProxy && req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${proto}://${req.headers.host ?? 'localhost'}`;
}
