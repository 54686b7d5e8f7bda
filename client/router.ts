/**
 * A handful of routes do not need a router library: the path is the state, pushState changes it, and
 * popstate (back/forward) is the only other way it changes.
 */
import { useSyncExternalStore } from 'react';
import { isBoardId, type BoardId } from '../shared/ids.js';

export type Route =
  | { page: 'home' }
  | { page: 'board'; boardId: BoardId }
  | { page: 'projector'; boardId: BoardId }
  | { page: 'join'; code: string | null }
  | { page: 'not-found' };

const NAVIGATE_EVENT = 'charrette:navigate';

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' };
  const m = /^\/b\/([^/]+)\/?$/.exec(pathname);
  if (m && isBoardId(m[1])) return { page: 'board', boardId: m[1] };
  const p = /^\/p\/([^/]+)\/?$/.exec(pathname);
  if (p && isBoardId(p[1])) return { page: 'projector', boardId: p[1] };
  const j = /^\/join(?:\/([^/]{1,32}))?\/?$/.exec(pathname);
  if (j) return { page: 'join', code: j[1] ? safeDecode(j[1]) : null };
  return { page: 'not-found' };
}

const safeDecode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

export const boardPath = (id: BoardId): string => `/b/${id}`;
export const projectorPath = (id: BoardId): string => `/p/${id}`;

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

export const usePathname = (): string => useSyncExternalStore(subscribe, () => location.pathname);
