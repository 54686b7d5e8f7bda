/**
 * Full replicas converge: C users each keep the whole board, applying every update they receive
 * (as browsers do), while all of them add, move and edit notes and move cursors. Afterwards every
 * replica must be the same board, hold every note anyone made, and a client joining afterwards
 * must get that same board from the server.
 */
import { seeded } from '../../helpers/seeded.js';
import { selectNotes } from '../../../shared/notes.js';
import type * as Y from 'yjs';
import { connectCrowd, drive, settle } from '../loadgen.js';
import type { BenchContext, Row, ScenarioOutput } from '../results.js';
import type { TargetName } from '../targets.js';
import { SimUser } from '../user.js';
import { interleaved, med, withTarget } from './common.js';

/** Updates can still be in flight when the tracker says delivered (the last merged turn): wait this long too. */
const QUIET_AFTER_MS = 1_000;

interface ReplicaResult {
  users: number;
  /** Replicas whose board equals the first one's. */
  identical: number;
  /** Notes some user created that the first replica lacks. */
  missing: number;
  notes: number;
  /** 1 when a client joining afterwards got the same board, else 0. */
  lateJoinerMatches: number;
}

const boardOf = (doc: Y.Doc): string =>
  JSON.stringify(selectNotes(doc).map((n) => [n.id, n.text, n.pos.x, n.pos.y]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));

export async function runReplicas(ctx: BenchContext, users: number): Promise<ScenarioOutput> {
  const targets = ctx.targets.filter((t) => t !== 'relay'); // the relay keeps no board for a late joiner
  const label = `${users} full replicas, 1 edit/s + 1 cursor/s each`;
  const byTarget = await interleaved(ctx, targets, async (t, round): Promise<ReplicaResult> => {
    ctx.log(`replicas: ${label} on ${t}`);
    return withTarget(ctx, t, async (target) => {
      const seed = 31 + round;
      const crowd = await connectCrowd(target, users, seed, { replicas: true });
      try {
        await drive(crowd, { editsPerSec: users, cursorsPerSec: users, durationMs: ctx.quick ? 2_000 : 10_000, tag: 0, seed });
        await settle(crowd, 0, 5_000);
        await new Promise((r) => setTimeout(r, QUIET_AFTER_MS));
        const reference = boardOf(crowd.users[0]!.replica!);
        const identical = crowd.users.filter((u) => boardOf(u.replica!) === reference).length;
        const present = new Set(selectNotes(crowd.users[0]!.replica!).map((n) => n.id));
        const made = crowd.users.flatMap((u) => u.notes);
        // Notes a user made but never sent (prepared ahead) are not expected anywhere.
        const sent = made.filter((id) => crowd.users.some((u) => u.replica && selectNotes(u.replica).some((n) => n.id === id)));
        const missing = sent.filter((id) => !present.has(id)).length;
        const [endpoint] = await crowd.room.join(1);
        const late = new SimUser(users, endpoint!, { keepsState: true, tracker: null, rng: seeded(seed), replica: true });
        try {
          await late.connect();
          const lateJoinerMatches = boardOf(late.replica!) === reference ? 1 : 0;
          const r = { users, identical, missing, notes: present.size, lateJoinerMatches };
          ctx.log(`  ${identical}/${users} replicas identical, ${present.size} notes, ${missing} missing, late joiner ${lateJoinerMatches ? 'matches' : 'DIFFERS'}`);
          return r;
        } finally {
          late.close();
        }
      } finally {
        crowd.close();
      }
    });
  });
  const v = (f: (r: ReplicaResult) => number) => {
    const out: Partial<Record<TargetName, number>> = {};
    for (const t of targets) if (byTarget[t]?.length) out[t] = med(byTarget[t]!, f);
    return out;
  };
  const scenario = `replicas: ${label}`;
  const rows: Row[] = [
    { scenario, metric: 'replicas identical to the first', unit: 'count', better: 'higher', values: v((r) => r.identical), goal: `${users}` },
    { scenario, metric: 'notes missing from the replicas', unit: 'count', better: 'lower', values: v((r) => r.missing), goal: '0' },
    { scenario, metric: 'late joiner got the same board (1 = yes)', unit: 'count', better: 'higher', values: v((r) => r.lateJoinerMatches), goal: '1' },
    { scenario, metric: 'notes on the board', unit: 'count', better: 'higher', values: v((r) => r.notes) },
  ];
  return { name: scenario, rows, notes: [], raw: byTarget };
}
