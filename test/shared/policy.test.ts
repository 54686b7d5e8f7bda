/**
 * The roles table of BRIEF.md, transcribed here by hand (not derived from `decide`), checked
 * against `decide` and `can` for every role × phase × lock state × row, own and others' notes.
 */
import { describe, expect, it } from 'vitest';
import { can, decide, ROLES, type Action, type Actor, type Role } from '../../shared/policy.js';
import { PHASES, type Phase } from '../../shared/phases.js';

const ANA: Actor = { role: 'participant', id: 'p-ana', team: 'mpusd' };
const ACTORS: Record<Role, Actor> = {
  facilitator: { role: 'facilitator', id: 'facilitator', team: '' },
  participant: ANA,
  projector: { role: 'projector', id: 'projector', team: '' },
};
/** Someone else: the author of "others' notes" and of a forged note. */
const BEN = { id: 'p-ben', team: 'lbusd' };

/** One row of the test table: the BRIEF's wording, and the action it stands for. */
interface Row {
  what: string;
  action: (me: Actor) => Action;
  /** Phases in which a participant may do it (on an unlocked board); [] = never. */
  participantPhases: readonly Phase[];
}

const NOTE_PHASES: readonly Phase[] = ['brainstorm', 'cluster'];

/*
 * BRIEF.md, "Roles":
 *
 * | action                                   | facilitator | participant                                          | projector |
 * | post / edit / move own notes             | yes         | yes (in brainstorm & cluster phases, board unlocked) | no        |
 * | edit / move / delete others' notes       | yes         | move only, in cluster phase                          | no        |
 * | create / rename categories               | yes         | yes in cluster phase                                 | no        |
 * | vote                                     | yes         | within their budget, own votes only                  | no        |
 * | change phase, timer, lock, reveal, ...   | yes         | no                                                   | no        |
 *
 * Read here as: deleting one's own note follows editing it; voting is open in the vote phase;
 * a locked board freezes every participant write (the facilitator's lock control).
 */
const ROWS: readonly Row[] = [
  { what: 'post own note', action: (me) => ({ kind: 'note.create', author: me.id, team: me.team }), participantPhases: NOTE_PHASES },
  { what: 'post a note as someone else', action: (me) => ({ kind: 'note.create', author: BEN.id, team: me.team }), participantPhases: [] },
  { what: 'post a note for another team', action: (me) => ({ kind: 'note.create', author: me.id, team: BEN.team }), participantPhases: [] },
  { what: 'post a note as someone else, their team', action: () => ({ kind: 'note.create', author: BEN.id, team: BEN.team }), participantPhases: [] },
  { what: 'edit own note', action: (me) => ({ kind: 'note.edit', note: { author: me.id } }), participantPhases: NOTE_PHASES },
  { what: 'move own note', action: (me) => ({ kind: 'note.move', note: { author: me.id } }), participantPhases: NOTE_PHASES },
  { what: 'delete own note', action: (me) => ({ kind: 'note.delete', note: { author: me.id } }), participantPhases: NOTE_PHASES },
  { what: "edit others' note", action: () => ({ kind: 'note.edit', note: { author: BEN.id } }), participantPhases: [] },
  { what: "move others' note", action: () => ({ kind: 'note.move', note: { author: BEN.id } }), participantPhases: ['cluster'] },
  { what: "delete others' note", action: () => ({ kind: 'note.delete', note: { author: BEN.id } }), participantPhases: [] },
  { what: 'create / rename categories', action: () => ({ kind: 'category.write' }), participantPhases: ['cluster'] },
  { what: 'vote', action: () => ({ kind: 'vote' }), participantPhases: ['vote'] },
  { what: 'change phase, timer, lock, reveal, criteria, decision', action: () => ({ kind: 'facilitate' }), participantPhases: [] },
];

/** The BRIEF's answer for one cell. */
function briefAllows(role: Role, row: Row, phase: Phase, locked: boolean): boolean {
  switch (role) {
    case 'facilitator':
      return true;
    case 'projector':
      return false;
    case 'participant':
      return !locked && row.participantPhases.includes(phase);
  }
}

interface Cell {
  role: Role;
  row: Row;
  phase: Phase;
  locked: boolean;
}

const CELLS: Cell[] = ROLES.flatMap((role) =>
  ROWS.flatMap((row) => PHASES.flatMap((phase) => [false, true].map((locked) => ({ role, row, phase, locked })))));

const label = (c: Cell) => `${c.role} / ${c.row.what} / ${c.phase} / ${c.locked ? 'locked' : 'unlocked'}`;

describe('policy: decide and can follow the roles table of the brief', () => {
  it('covers every role, row, phase and lock state', () => {
    expect(CELLS).toHaveLength(3 * ROWS.length * 6 * 2);
    expect(new Set(CELLS.map(label)).size).toBe(CELLS.length);
  });

  it('decide agrees with the brief in every cell', () => {
    const disagreements = CELLS.flatMap((c) => {
      const got = decide(ACTORS[c.role], { phase: c.phase, locked: c.locked }, c.row.action(ACTORS[c.role]));
      const want = briefAllows(c.role, c.row, c.phase, c.locked);
      return got.ok === want ? [] : [`${label(c)}: brief says ${want ? 'yes' : 'no'}, decide says ${got.ok ? 'yes' : `no (${got.reason})`}`];
    });
    expect(disagreements).toEqual([]);
  });

  it('can agrees with decide in every cell', () => {
    const disagreements = CELLS.filter((c) => {
      const board = { phase: c.phase, locked: c.locked };
      const action = c.row.action(ACTORS[c.role]);
      return can(ACTORS[c.role], board, action) !== decide(ACTORS[c.role], board, action).ok;
    }).map(label);
    expect(disagreements).toEqual([]);
  });

  it('every refusal gives a human-readable reason', () => {
    const refusals = CELLS.flatMap((c) => {
      const d = decide(ACTORS[c.role], { phase: c.phase, locked: c.locked }, c.row.action(ACTORS[c.role]));
      return d.ok ? [] : [{ cell: label(c), reason: d.reason }];
    });
    // Roughly half the table is a "no"; an empty list here would make the check below vacuous.
    expect(refusals.length).toBeGreaterThan(CELLS.length / 3);
    const unreadable = refusals.filter(({ reason }) =>
      reason.trim() !== reason || !/^[A-Za-z][^\n]*\s[^\n]*$/.test(reason) || /undefined|null|\[object|NaN/.test(reason));
    expect(unreadable).toEqual([]);
  });

  it.each(PHASES.filter((p) => !NOTE_PHASES.includes(p)))('a participant\'s refusal in the %s phase names the phase', (phase) => {
    const d = decide(ANA, { phase, locked: false }, { kind: 'note.create', author: ANA.id, team: ANA.team });
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toContain(phase);
  });

  it('a locked board says so to a participant', () => {
    const d = decide(ANA, { phase: 'brainstorm', locked: true }, { kind: 'note.edit', note: { author: ANA.id } });
    expect(d).toEqual({ ok: false, reason: expect.stringMatching(/lock/), code: 'locked' });
  });

  describe('note.create with a forged author or team', () => {
    const board = { phase: 'brainstorm' as Phase, locked: false };
    it.each([
      ['another participant\'s id', { author: BEN.id, team: ANA.team }],
      ['the facilitator\'s id', { author: 'facilitator', team: ANA.team }],
      ['an empty author', { author: '', team: ANA.team }],
      ['an author differing only in case', { author: ANA.id.toUpperCase(), team: ANA.team }],
      ['another team', { author: ANA.id, team: BEN.team }],
      ['no team when the participant has one', { author: ANA.id, team: '' }],
    ])('is refused for a participant: %s', (_name, forged) => {
      const d = decide(ANA, board, { kind: 'note.create', ...forged });
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.reason.length).toBeGreaterThan(0);
    });

    it('a participant without a team posts with an empty team, and not with someone else\'s', () => {
      const loner: Actor = { role: 'participant', id: 'p-lone', team: '' };
      expect(can(loner, board, { kind: 'note.create', author: loner.id, team: '' })).toBe(true);
      expect(can(loner, board, { kind: 'note.create', author: loner.id, team: BEN.team })).toBe(false);
    });

    it('is refused for the projector even with its own id', () => {
      const projector = ACTORS.projector;
      expect(can(projector, board, { kind: 'note.create', author: projector.id, team: projector.team })).toBe(false);
    });
  });

  it('ownership is by participant id, not by team: a teammate\'s note is someone else\'s', () => {
    const teammate = { author: 'p-cho' }; // same team as Ana, different person
    const board = { phase: 'brainstorm' as Phase, locked: false };
    expect(can(ANA, board, { kind: 'note.edit', note: teammate })).toBe(false);
    expect(can(ANA, board, { kind: 'note.delete', note: teammate })).toBe(false);
    expect(can(ANA, board, { kind: 'note.move', note: teammate })).toBe(false);
    expect(can(ANA, { phase: 'cluster', locked: false }, { kind: 'note.move', note: teammate })).toBe(true);
  });
});
