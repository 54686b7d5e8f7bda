/** Draft counts (never texts): a participant reports how many it holds; the facilitator reads them. */
import type { BoardId } from '../../shared/ids.js';
import { MAX_NAME } from '../../shared/schema.js';
import { cleanText } from '../../shared/validate.js';
import { asRecord, bearer, request } from '../access/http.js';

export interface DraftCount {
  id: string;
  name: string;
  team: string;
  count: number;
}

export async function reportDraftCount(board: BoardId, token: string, count: number): Promise<boolean> {
  const res = await request(`/api/boards/${board}/drafts`, { method: 'POST', headers: bearer(token), body: JSON.stringify({ count }) });
  return res?.ok === true;
}

/** Facilitator only; null when the server could not be asked. */
export async function fetchDraftCounts(board: BoardId, token: string): Promise<DraftCount[] | null> {
  const res = await request(`/api/boards/${board}/drafts`, { headers: bearer(token) });
  if (!res?.ok) return null;
  const v = await asRecord(res);
  if (!Array.isArray(v.drafts)) return [];
  return v.drafts.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const o = d as Record<string, unknown>;
    if (typeof o.id !== 'string' || typeof o.count !== 'number' || !Number.isInteger(o.count) || o.count < 0) return [];
    return [{ id: o.id.slice(0, 64), name: cleanText(o.name, MAX_NAME), team: typeof o.team === 'string' ? o.team.slice(0, 64) : '', count: o.count }];
  });
}
