/** Small helpers shared by the HTTP command handlers. */
import type { BoardId } from '../shared/ids.js';
import { HttpError } from './http.js';
import type { Hub } from './hub.js';
import type { Room } from './room.js';

/** One field of a parsed JSON body (undefined when the body is not an object). */
export const bodyField = (body: unknown, key: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;

/**
 * The board's loaded room for a command or lookup; a room opened without sockets unloads again
 * after the idle delay. Throws 503 when the board cannot be loaded.
 */
export async function openRoom(hub: Hub, id: BoardId): Promise<Room> {
  const r = await hub.open(id);
  if (!r.ok) throw new HttpError(503, 'board unavailable');
  hub.touch(r.room);
  return r.room;
}
