import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { createCluster, selectClusters } from '../../shared/clusters.js';
import { selectResults, selectVoting } from '../../shared/meta.js';
import { MSG_SYNC } from '../../shared/protocol.js';
import { getMeta } from '../../shared/schema.js';
import { rawClient } from '../helpers/raw.js';
import { command, connectClient, createBoard, join, startTestServer, waitFor, waitSynced, type Client, type Participant, type TestBoard } from '../helpers/server.js';

type Srv = Awaited<ReturnType<typeof startTestServer>>;

async function vote(srv: Srv, board: TestBoard, token: string, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${srv.url}/api/boards/${board.id}/votes`, {
    method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('criteria voting, hidden until reveal', () => {
  let srv: Srv;
  let board: TestBoard;
  let fac: Client;
  let cats: string[];
  let ana: Participant;
  let ben: Participant;

  beforeAll(async () => {
    srv = await startTestServer();
    board = await createBoard(srv.url, 'MPUSD', [{ id: 'mpusd', name: 'MPUSD' }, { id: 'mastery', name: 'Mastery' }]);
    fac = connectClient(srv.wsUrl, board);
    await waitSynced(fac);
    cats = ['Co-design new systems', 'Revise policies', 'Mastery-based grading'].map((name, i) =>
      createCluster(fac.doc, { name, pos: { x: i * 700, y: 0 }, createdBy: 'facilitator' }));
    await waitFor(() => srv.hub.rooms.get(board.id as never)!.doc.getMap('clusters').size === 3, 'categories stored');
    ana = await join(srv.url, board.joinCode, 'Ana', 'mpusd');
    ben = await join(srv.url, board.joinCode, 'Ben', 'mastery');
  });
  afterAll(async () => {
    fac.destroy();
    await srv.cleanup();
  });

  it('refuses votes outside the vote phase, for others, over budget, or on missing targets, changing nothing', async () => {
    expect((await vote(srv, board, ana.token, { criterion: 'equity', target: cats[0], value: 1 })).status).toBe(409);
    await command(srv.url, board, { type: 'openVoting' });
    await waitFor(() => selectVoting(fac.doc).status === 'open' && getMeta(fac.doc).get('phase') === 'vote', 'voting open');
    expect((await vote(srv, board, ana.token, { voter: ben.id, criterion: 'equity', target: cats[0], value: 1 })).status).toBe(403);
    expect((await vote(srv, board, ana.token, { criterion: 'equity', target: cats[0], value: 4 })).status).toBe(409);
    expect((await vote(srv, board, ana.token, { criterion: 'equity', target: 'ZZZZZZZZZZZZ', value: 1 })).status).toBe(400);
    expect((await vote(srv, board, ana.token, { criterion: 'joy', target: cats[0], value: 1 })).status).toBe(400);
    expect((await vote(srv, board, board.projectorToken, { criterion: 'equity', target: cats[0], value: 1 })).status).toBe(403);
    expect((await vote(srv, board, ana.token, { criterion: 'equity', target: cats[0], value: 2 })).status).toBe(200);
    const over = await vote(srv, board, ana.token, { criterion: 'equity', target: cats[1], value: 2 });
    expect(over.status).toBe(409);
    expect(String(over.body.error)).toMatch(/budget/);
    const mine = await (await fetch(`${srv.url}/api/boards/${board.id}/votes/mine`, { headers: { authorization: `Bearer ${ana.token}` } })).json();
    expect(mine).toMatchObject({ votes: [{ criterion: 'equity', target: cats[0], value: 2 }], remaining: { equity: 1, resiliency: 3, feasibility: 3 } });
    // Take it back.
    expect((await vote(srv, board, ana.token, { criterion: 'equity', target: cats[0], value: 0 })).status).toBe(200);
    expect(await srv.store.allVotes(board.id as never, 1)).toEqual([]);
  });

  it('100 participants voting concurrently produce exact totals; no socket learns a choice before reveal', async () => {
    // A participant socket that records every byte it receives while voting is open.
    const recorder = rawClient(srv.wsUrl, board.id, { token: ana.token });
    await recorder.opened;
    const voters = await Promise.all(Array.from({ length: 100 }, (_, i) => join(srv.url, board.joinCode, `Voter ${i}`, i % 2 ? 'mpusd' : 'mastery')));
    const results = await Promise.all(voters.flatMap((p, i) => [
      vote(srv, board, p.token, { criterion: 'equity', target: cats[i % 3], value: 2 }),
      vote(srv, board, p.token, { criterion: 'equity', target: cats[(i + 1) % 3], value: 1 }),
      vote(srv, board, p.token, { criterion: 'feasibility', target: cats[2], value: 3 }),
      vote(srv, board, p.token, { criterion: 'feasibility', target: cats[0], value: 1 }), // over budget: refused
    ]));
    expect(results.filter((r) => r.status === 200)).toHaveLength(300);
    expect(results.filter((r) => r.status === 409)).toHaveLength(100);
    const progress = await (await fetch(`${srv.url}/api/boards/${board.id}/votes/progress`, { headers: { authorization: `Bearer ${board.facilitatorToken}` } })).json() as { voters: number };
    expect(progress.voters).toBe(100);
    expect((await fetch(`${srv.url}/api/boards/${board.id}/votes/progress`, { headers: { authorization: `Bearer ${ana.token}` } })).status).toBe(403);

    await new Promise((r) => setTimeout(r, 100));
    // Nothing about the votes reached the recorder: no voter id in any byte, no results in the doc.
    const bytes = Buffer.concat(recorder.received.map((m) => Buffer.from(m)));
    for (const p of voters) expect(bytes.includes(Buffer.from(p.id))).toBe(false);
    const doc = new Y.Doc();
    for (const m of recorder.received) {
      if (m[0] !== MSG_SYNC) continue;
      const d = decoding.createDecoder(m);
      decoding.readVarUint(d);
      const sub = decoding.readVarUint(d);
      if (sub !== 0) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
    }
    expect(selectResults(doc)).toBeNull();
    expect(selectResults(fac.doc)).toBeNull();

    await command(srv.url, board, { type: 'revealVotes' });
    await waitFor(() => selectResults(fac.doc) !== null, 'results revealed');
    const r = selectResults(fac.doc)!;
    // Exact totals: equity gets 2 from i%3 and 1 from (i+1)%3; feasibility 3 each on cats[2].
    const expectEquity = cats.map((_, t) => voters.reduce((s, _p, i) => s + (i % 3 === t ? 2 : 0) + ((i + 1) % 3 === t ? 1 : 0), 0));
    for (const [t, id] of cats.entries()) {
      const row = r.ranking.find((x) => x.target === id)!;
      expect(row.byCriterion.equity).toBe(expectEquity[t]);
      expect(row.byCriterion.feasibility).toBe(t === 2 ? 300 : 0);
    }
    expect(r.ranking[0]!.target).toBe(cats[2]);
    expect(r.participation.voters).toBe(100);
    expect(r.byTeam.mpusd).toBeDefined();
    expect(Object.keys(r.perVoter ?? {})).toHaveLength(100);
    recorder.ws.close();
  });

  it('runoff on the top two opens a new round limited to them; the decision is recorded', async () => {
    const { runoff } = (await command(srv.url, board, { type: 'runoff', top: 2 })) as { runoff: string[] };
    expect(runoff).toHaveLength(2);
    await waitFor(() => selectVoting(fac.doc).round === 2, 'round 2');
    const outside = cats.find((c) => !runoff.includes(c))!;
    expect((await vote(srv, board, ana.token, { criterion: 'equity', target: outside, value: 1 })).status).toBe(400);
    expect((await vote(srv, board, ana.token, { criterion: 'equity', target: runoff[0], value: 1 })).status).toBe(200);
    await command(srv.url, board, { type: 'revealVotes' });
    await waitFor(() => selectResults(fac.doc)?.round === 2, 'round 2 revealed');
    expect(selectResults(fac.doc)!.ranking.map((x) => x.target).sort()).toEqual([...runoff].sort());
    await command(srv.url, board, {
      type: 'recordDecision', target: cats[0], rationale: { equity: 'Cedes decision-making to those closest to the problem', feasibility: 'Pilot with 2 teachers and 12 students' },
    });
    await waitFor(() => getMeta(fac.doc).get('decision') !== undefined, 'decision');
    expect(getMeta(fac.doc).get('decision')).toMatchObject({ target: cats[0], rationale: { feasibility: 'Pilot with 2 teachers and 12 students' } });
    expect(selectClusters(fac.doc)).toHaveLength(3);
  });

  it('only the facilitator runs voting commands', async () => {
    await expect(command(srv.url, board, { type: 'revealVotes' }, ben.token)).rejects.toMatchObject({ status: 403 });
  });
});
