/**
 * The HTTP half of the server contract. Responses are validated here, at the boundary,
 * so the rest of the client can rely on their shape.
 */
import { isBoardId, type BoardId } from '../../shared/ids.js';
import type { Lang } from '../i18n/i18n.js';

/** Long enough for a slow school network, short enough that an offline reload opens the local copy promptly. */
const BOARD_LOOKUP_TIMEOUT_MS = 5_000;

export interface BoardInfo {
  id: BoardId;
  /** Changes whenever the board is deleted and created again under the same id. */
  epoch: string;
}

export type BoardLookup =
  | { kind: 'found'; board: BoardInfo }
  | { kind: 'not-found' }
  | { kind: 'unreachable' };

/** Epochs end up in an IndexedDB name and a URL: accept only a short, plain token. */
export function toEpoch(v: unknown): string | null {
  const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v;
  return typeof s === 'string' && /^[\w.-]{1,64}$/.test(s) ? s : null;
}

function toBoardInfo(v: unknown): BoardInfo | null {
  if (typeof v !== 'object' || v === null) return null;
  const { id, epoch } = v as Record<string, unknown>;
  const e = toEpoch(epoch);
  return isBoardId(id) && e !== null ? { id, epoch: e } : null;
}

/** A lookup started before the page rendered (see prefetchBoard), taken by the first lookupBoard of that board. */
let prefetched: { id: BoardId; at: number; lookup: Promise<BoardLookup> } | null = null;
/** Older than this, a prefetched answer is asked again. */
const PREFETCH_FRESH_MS = 10_000;

/**
 * Ask for a board while the page is still starting: the answer is usually back by the time
 * the board view wants it (on a 1,000-note board the first render is spent in scripts, not waiting).
 */
export function prefetchBoard(id: BoardId): void {
  prefetched = { id, at: performance.now(), lookup: fetchBoard(id) };
}

export function lookupBoard(id: BoardId, signal?: AbortSignal): Promise<BoardLookup> {
  const early = prefetched;
  prefetched = null;
  if (!early || early.id !== id || performance.now() - early.at >= PREFETCH_FRESH_MS || signal?.aborted) return fetchBoard(id, signal);
  if (!signal) return early.lookup;
  // The prefetch cannot be aborted; its taker still rejects on abort, as a fetch of its own would.
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void early.lookup.then((r) => {
      signal.removeEventListener('abort', onAbort);
      resolve(r);
    });
  });
}

async function fetchBoard(id: BoardId, signal?: AbortSignal): Promise<BoardLookup> {
  const timeout = AbortSignal.timeout(BOARD_LOOKUP_TIMEOUT_MS);
  try {
    const res = await fetch(`/api/boards/${encodeURIComponent(id)}`, {
      headers: { accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (res.status === 404) return { kind: 'not-found' };
    if (!res.ok) return { kind: 'unreachable' };
    const board = toBoardInfo(await res.json());
    return board && board.id === id ? { kind: 'found', board } : { kind: 'unreachable' };
  } catch (err) {
    if (signal?.aborted) throw err;
    return { kind: 'unreachable' };
  }
}

export type CreateResult =
  | { kind: 'created'; id: BoardId; facilitatorToken: string; projectorToken: string | null }
  | { kind: 'needs-key' }
  | { kind: 'failed' };

/**
 * Create a board. The creator becomes its facilitator: the response carries that token, and
 * the projector's, which the server hands out only here.
 * `instanceKey` is for servers whose host restricts who may create boards.
 */
export async function createBoard(opts: { title?: string; instanceKey?: string; lang?: Lang } = {}): Promise<CreateResult> {
  try {
    const res = await fetch('/api/boards', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(opts.instanceKey ? { 'x-charrette-key': opts.instanceKey } : {}),
      },
      // The language sets the board's starting content (the default criteria's names and descriptions).
      body: JSON.stringify({ ...(opts.title ? { title: opts.title } : {}), ...(opts.lang ? { lang: opts.lang } : {}) }),
      signal: AbortSignal.timeout(BOARD_LOOKUP_TIMEOUT_MS),
    });
    if (res.status === 401) return { kind: 'needs-key' };
    if (!res.ok) return { kind: 'failed' };
    const v: unknown = await res.json();
    const info = toBoardInfo(v);
    const { facilitatorToken, projectorToken } = v as { facilitatorToken?: unknown; projectorToken?: unknown };
    if (!info || typeof facilitatorToken !== 'string') return { kind: 'failed' };
    return { kind: 'created', id: info.id, facilitatorToken, projectorToken: typeof projectorToken === 'string' ? projectorToken : null };
  } catch {
    return { kind: 'failed' };
  }
}
