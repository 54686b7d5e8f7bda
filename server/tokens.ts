/**
 * Signed capability tokens (HMAC-SHA256 with a server secret generated on first start and kept
 * with the data). A token names a board, its epoch, a role and an identity; the server trusts
 * nothing else a client says about who it is.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isBoardId, type BoardId } from '../shared/ids.js';
import { ROLES, type Role } from '../shared/policy.js';
import { MAX_NAME } from '../shared/schema.js';

export interface Claims {
  board: BoardId;
  epoch: string;
  role: Role;
  /** Participant id; 'facilitator' / 'projector' for those roles. */
  id: string;
  name: string;
  team: string;
  issuedAt: number;
}

const TOKEN_VERSION = 1;
/** Tokens are short strings in URLs and headers; anything longer is not ours. */
export const MAX_TOKEN_LENGTH = 1_024;

export class TokenSigner {
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('token secret too short');
  }

  sign(c: Claims): string {
    const payload = Buffer.from(JSON.stringify({
      v: TOKEN_VERSION, b: c.board, e: c.epoch, r: c.role, i: c.id, n: c.name, t: c.team, at: c.issuedAt,
    })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claims of a genuine token, or null (wrong signature, malformed, or not ours). */
  verify(token: unknown): Claims | null {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
    const dot = token.indexOf('.');
    if (dot <= 0) return null;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const want = Buffer.from(this.mac(payload), 'base64url');
    if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
    let p: Record<string, unknown>;
    try {
      p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return null;
    }
    if (p.v !== TOKEN_VERSION || !isBoardId(p.b) || typeof p.e !== 'string') return null;
    if (!(ROLES as readonly unknown[]).includes(p.r) || typeof p.i !== 'string' || p.i.length > 64) return null;
    if (typeof p.n !== 'string' || p.n.length > MAX_NAME || typeof p.t !== 'string' || typeof p.at !== 'number') return null;
    return { board: p.b, epoch: p.e, role: p.r as Role, id: p.i, name: p.n, team: p.t, issuedAt: p.at };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
