/** Fill a room with notes through ordinary participants, as a finished brainstorm would. */
import { seeded } from '../../helpers/seeded.js';
import { getNotes } from '../../../shared/schema.js';
import type { BenchRoom, Target } from '../targets.js';
import { SimUser } from '../user.js';

/** Notes per seeding update: big enough to be quick, far below every server's message limit. */
const SEED_CHUNK = 100;
const SAVE_TIMEOUT_MS = 60_000;

/** Connect `seeders` users who add `notes` notes between them; resolves once the server has them. */
export async function seedRoom(target: Target, room: BenchRoom, notes: number, seeders: number, seed: number): Promise<SimUser[]> {
  const endpoints = await room.join(seeders);
  const users = endpoints.map((e, i) => new SimUser(i, e, { keepsState: target.keepsState, tracker: null, rng: seeded(seed + i) }));
  await Promise.all(users.map((u) => u.connect()));
  users.forEach((u, i) => {
    let left = Math.floor(notes / seeders) + (i < notes % seeders ? 1 : 0);
    while (left > 0) {
      const n = Math.min(SEED_CHUNK, left);
      u.seedNotes(n);
      left -= n;
    }
  });
  if (target.reportsDurable) {
    const deadline = performance.now() + SAVE_TIMEOUT_MS;
    while (users.some((u) => u.savedProgress.saved < u.savedProgress.sent)) {
      if (performance.now() > deadline) throw new Error('seeded notes were not reported stored in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return users;
}

/** Notes in a user's copy of the board. */
export const noteCount = (u: SimUser): number => getNotes(u.doc).size;
