/**
 * How often this client may send its pointer. Every presence update is relayed to every other
 * client, so a room's traffic grows with the square of its size: 100 people at 20 updates a
 * second would be 200,000 messages a second out of the server. The interval grows with the
 * number of peers so the room as a whole stays near a fixed budget, and never drops below the
 * smooth rate a small group gets.
 */

/** ~20 updates per second: smooth enough to follow a pointer, for small groups. */
export const CURSOR_SYNC_INTERVAL_MS = 50;
/** Slowest rate: a pointer that moves twice a second still says where someone is working. */
export const CURSOR_MAX_INTERVAL_MS = 1_000;
/** Pointer updates per second the whole room may send (each is relayed to everyone else). */
export const ROOM_CURSOR_UPDATES_PER_S = 200;

/** Milliseconds between this client's pointer updates, with `peers` other people on the board. */
export function cursorIntervalMs(peers: number): number {
  const people = Math.max(1, peers + 1);
  const fair = (1000 * people) / ROOM_CURSOR_UPDATES_PER_S;
  return Math.round(Math.min(CURSOR_MAX_INTERVAL_MS, Math.max(CURSOR_SYNC_INTERVAL_MS, fair)));
}
