/** The Plan phase's action plan: written by the facilitator's command, read by everyone, bounded. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeta } from '../../shared/schema.js';
import { MAX_PLAN_CELL, MAX_PLAN_ROWS, restorePlan, selectPlan } from '../../shared/plan.js';
import { CLOSE } from '../../shared/protocol.js';
import { rawWithDoc } from '../helpers/raw.js';
import { brainstormBoard, command, connectClient, join, startTestServer, waitFor, waitSynced } from '../helpers/server.js';

describe('restorePlan', () => {
  it('keeps the known fields as bounded text and drops blank rows and anything else', () => {
    const plan = restorePlan({
      goal: 'Every ninth grader has a mentor',
      rows: [
        { step: 'Recruit mentors', timeline: 'March', owners: 'Ms. Ortiz', communication: 'Newsletter', success: '40 mentors', extra: 'dropped' },
        { step: '  ', timeline: '', owners: '', communication: '', success: '' },
        'not a row',
        { step: 'x'.repeat(MAX_PLAN_CELL + 50), timeline: 7 },
      ],
      reviewOn: 'April\u0000',
      admin: true,
    });
    expect(plan.goal).toBe('Every ninth grader has a mentor');
    expect(plan.rows).toHaveLength(2);
    expect(plan.rows[0]).toEqual({ step: 'Recruit mentors', timeline: 'March', owners: 'Ms. Ortiz', communication: 'Newsletter', success: '40 mentors' });
    expect(plan.rows[1]!.step).toHaveLength(MAX_PLAN_CELL);
    expect(plan.rows[1]!.timeline).toBe('');
    expect(plan.reviewOn).toBe('April');
    expect(Object.keys(plan).sort()).toEqual(['goal', 'reviewOn', 'rows']);
    expect(restorePlan(null)).toEqual({ goal: '', rows: [], reviewOn: '' });
    expect(restorePlan({ rows: 'nope' }).rows).toEqual([]);
  });
});

describe('the setPlan command', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(() => srv.cleanup());

  it('the facilitator writes the plan into the board; everyone connected receives it', async () => {
    const board = await brainstormBoard(srv.url, 'Plan');
    await command(srv.url, board, { type: 'setPhase', phase: 'plan' });
    const ana = await join(srv.url, board.joinCode, 'Ana');
    const reader = connectClient(srv.wsUrl, board, { token: ana.token });
    await waitSynced(reader);
    const answer = await command(srv.url, board, {
      type: 'setPlan',
      plan: { goal: 'Pilot advisory mentors', rows: [{ step: 'Recruit mentors', timeline: 'By March', owners: 'Ms. Ortiz', communication: 'Advisory', success: '40 mentors' }], reviewOn: '1 April' },
    });
    expect(answer.plan).toMatchObject({ goal: 'Pilot advisory mentors', reviewOn: '1 April' });
    await waitFor(() => selectPlan(reader.doc).rows.length === 1, 'the plan reaches a participant');
    expect(selectPlan(reader.doc).rows[0]!.owners).toBe('Ms. Ortiz');
    reader.destroy();
  });

  it('refuses participants, malformed plans and too many rows, and a client cannot write it directly', async () => {
    const board = await brainstormBoard(srv.url, 'Plan refusals');
    const ana = await join(srv.url, board.joinCode, 'Ana');
    const status = (p: Promise<unknown>) => p.then(() => 200, (e: { status: number }) => e.status);
    expect(await status(command(srv.url, board, { type: 'setPlan', plan: { goal: 'mine' } }, ana.token))).toBe(403);
    expect(await status(command(srv.url, board, { type: 'setPlan', plan: 'a plan' }))).toBe(400);
    expect(await status(command(srv.url, board, { type: 'setPlan', plan: [] }))).toBe(400);
    const rows = Array.from({ length: MAX_PLAN_ROWS + 1 }, (_, i) => ({ step: `step ${i}` }));
    expect(await status(command(srv.url, board, { type: 'setPlan', plan: { rows } }))).toBe(400);
    const opened = await srv.hub.open(board.id as never);
    if (!opened.ok) throw new Error(`board did not open: ${opened.reason}`);
    expect(selectPlan(opened.room.doc)).toEqual({ goal: '', rows: [], reviewOn: '' });

    // A modified client writing the plan into the board's meta is refused and its socket closed.
    const raw = await rawWithDoc(srv.wsUrl, board.id, ana.token);
    raw.change((doc) => getMeta(doc).set('plan', { goal: 'forged', rows: [], reviewOn: '' }));
    expect((await raw.closed).code).toBe(CLOSE.FORBIDDEN);
  });
});
