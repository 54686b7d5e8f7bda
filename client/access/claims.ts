/**
 * Board access tokens as the client sees them. The server signs a token and trusts nothing
 * else a client says about who it is; the client only reads the payload to show the right
 * controls (a modified client gains nothing: the server checks every write itself).
 */
import type { BoardId } from '../../shared/ids.js';
import { ROLES, type Actor, type Role } from '../../shared/policy.js';
import { MAX_NAME } from '../../shared/schema.js';
import { cleanText } from '../../shared/validate.js';

/** Tokens travel in URLs; anything longer is not one of ours. */
const MAX_TOKEN_LENGTH = 1_024;

export interface Access extends Actor {
  token: string;
  board: string;
  epoch: string;
  /** Display name the server stamps on presence; '' for the facilitator and projector. */
  name: string;
}

function base64UrlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The claims of a token's payload, unverified (the server verifies), or null when it is not a token. */
export function readAccess(token: unknown): Access | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  try {
    const p = JSON.parse(base64UrlDecode(token.slice(0, dot))) as Record<string, unknown>;
    if (typeof p.b !== 'string' || typeof p.e !== 'string' || typeof p.i !== 'string') return null;
    if (!(ROLES as readonly unknown[]).includes(p.r)) return null;
    return {
      token,
      board: p.b,
      epoch: p.e,
      role: p.r as Role,
      id: p.i.slice(0, 64),
      name: cleanText(p.n, MAX_NAME),
      team: typeof p.t === 'string' ? p.t.slice(0, 64) : '',
    };
  } catch {
    return null;
  }
}

/** The first token in the fragment's `names` for `board` with one of `roles`; fragments never reach a server log. */
function fromFragment(hash: string, board: BoardId, names: readonly string[], roles: readonly Role[]): Access | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  for (const name of names) {
    const access = readAccess(params.get(name));
    if (access && access.board === board && roles.includes(access.role)) return access;
  }
  return null;
}

/** The token of a board link: #f=… (facilitator) or #t=… (any seat but the projector's, which has its own page). */
export const tokenFromFragment = (hash: string, board: BoardId): Access | null =>
  fromFragment(hash, board, ['f', 't'], ['facilitator', 'participant']);

/** The projector token of a projector link (#k=…), also carried by facilitator links made in the share panel. */
export const projectorFromFragment = (hash: string, board: BoardId): Access | null =>
  fromFragment(hash, board, ['k'], ['projector']);
