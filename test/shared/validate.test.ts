import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTE_COLOR } from '../../shared/palette.js';
import { DEFAULT_PHASE, PHASES } from '../../shared/phases.js';
import { CANVAS_MAX, CANVAS_MIN, MAX_NAME, MAX_NOTE_TEXT, MAX_TEAMS, MAX_TITLE } from '../../shared/schema.js';
import { clamp, cleanText, restoreMeta, restoreNote, restorePresence, restoreTeams, toPoint } from '../../shared/validate.js';

describe('clamp', () => {
  it.each([
    [5, 0, 10, 5],
    [-1, 0, 10, 0],
    [11, 0, 10, 10],
    [0, 0, 10, 0],
    [10, 0, 10, 10],
    [-Infinity, -3, 3, -3],
    [Infinity, -3, 3, 3],
  ])('clamp(%d, %d, %d) = %d', (v, lo, hi, expected) => {
    expect(clamp(v, lo, hi)).toBe(expected);
  });
});

describe('toPoint', () => {
  it.each([
    ['integers', { x: 10, y: -20 }, { x: 10, y: -20 }],
    ['fractions are rounded', { x: 10.4, y: 10.6 }, { x: 10, y: 11 }],
    ['x beyond the right edge', { x: CANVAS_MAX + 1, y: 0 }, { x: CANVAS_MAX, y: 0 }],
    ['y beyond the top edge', { x: 0, y: CANVAS_MIN - 1 }, { x: 0, y: CANVAS_MIN }],
    ['both far outside', { x: -1e12, y: 1e12 }, { x: CANVAS_MIN, y: CANVAS_MAX }],
    ['Number.MAX_VALUE', { x: Number.MAX_VALUE, y: -Number.MAX_VALUE }, { x: CANVAS_MAX, y: CANVAS_MIN }],
    ['exactly on the edges', { x: CANVAS_MIN, y: CANVAS_MAX }, { x: CANVAS_MIN, y: CANVAS_MAX }],
    ['extra keys are dropped', { x: 1, y: 2, z: 3, __proto__: { evil: true } }, { x: 1, y: 2 }],
  ])('%s', (_label, input, expected) => {
    const p = toPoint(input);
    expect(p).toEqual(expected);
    expect(Object.keys(p!)).toEqual(['x', 'y']);
  });

  it.each([
    ['NaN x', { x: NaN, y: 0 }],
    ['NaN y', { x: 0, y: NaN }],
    ['Infinity', { x: Infinity, y: 0 }],
    ['-Infinity', { x: 0, y: -Infinity }],
    ['numeric strings', { x: '10', y: '20' }],
    ['missing y', { x: 1 }],
    ['null coordinate', { x: null, y: 1 }],
    ['bigint', { x: 1n, y: 1n }],
    ['boxed number', { x: new Number(1), y: 1 }],
    ['array pair', [1, 2]],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', '{"x":1,"y":2}'],
  ])('rejects %s', (_label, input) => {
    expect(toPoint(input)).toBeNull();
  });

  it('does not return the caller\'s object (so later mutation cannot reach the document)', () => {
    const input = { x: 1, y: 2 };
    expect(toPoint(input)).not.toBe(input);
  });
});

describe('cleanText', () => {
  it.each([
    ['plain text', 'Student councils', 'Student councils'],
    ['keeps newlines', 'line one\nline two', 'line one\nline two'],
    ['keeps CRLF', 'a\r\nb', 'a\r\nb'],
    ['keeps tabs', 'a\tb', 'a\tb'],
    ['strips NUL', 'a\u0000b', 'ab'],
    ['strips bell and backspace', 'a\u0007\u0008b', 'ab'],
    ['strips vertical tab and form feed', 'a\u000B\u000Cb', 'ab'],
    ['strips escape (ANSI sequences lose their ESC)', '\u001B[31mred', '[31mred'],
    ['strips unit separator', 'a\u001Fb', 'ab'],
    ['strips DEL', 'a\u007Fb', 'ab'],
    ['keeps non-ASCII letters and emoji', 'Ça marche 👍 日本', 'Ça marche 👍 日本'],
    ['keeps leading and trailing spaces', '  spaced  ', '  spaced  '],
    ['empty', '', ''],
  ])('%s', (_label, input, expected) => {
    expect(cleanText(input, 100)).toBe(expected);
  });

  it.each([
    ['number', 42],
    ['null', null],
    ['undefined', undefined],
    ['object', { toString: () => 'sneaky' }],
    ['array', ['a']],
  ])('gives "" for a non-string (%s)', (_label, input) => {
    expect(cleanText(input, 100)).toBe('');
  });

  it.each([
    ['under the bound', 5, 10, 5],
    ['at the bound', 10, 10, 10],
    ['over the bound', 11, 10, 10],
    ['note text bound', MAX_NOTE_TEXT + 500, MAX_NOTE_TEXT, MAX_NOTE_TEXT],
    ['zero bound', 3, 0, 0],
  ])('bounds the length: %s', (_label, len, max, expected) => {
    expect(cleanText('x'.repeat(len), max)).toHaveLength(expected);
  });

  it('bounds the length after stripping, so control characters do not eat the budget', () => {
    expect(cleanText('\u0000'.repeat(10) + 'abcdef', 6)).toBe('abcdef');
  });

  // Regression: cutting an astral character in half left a lone surrogate that Yjs sends to other
  // replicas as U+FFFD, so the author's copy and everyone else's differed for good.
  it('never leaves half of a surrogate pair when truncating', () => {
    const out = cleanText('a😀', 2);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

const goodFields = {
  text: 'Hello',
  pos: { x: 5, y: 6 },
  color: 'sky',
  author: 'p-123',
  authorName: 'Ana',
  team: 't1',
  clusterId: '',
  hidden: false,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_500,
};

describe('restoreNote', () => {
  it('passes a well-formed note through unchanged', () => {
    expect(restoreNote('n1', goodFields)).toEqual({ id: 'n1', ...goodFields });
  });

  it.each([
    ['missing', undefined],
    ['not a point', 'here'],
    ['NaN coordinate', { x: NaN, y: 1 }],
    ['Infinity coordinate', { x: 1, y: Infinity }],
    ['string coordinates', { x: '1', y: '2' }],
  ])('returns null when pos is %s', (_label, pos) => {
    expect(restoreNote('n1', { ...goodFields, pos })).toBeNull();
  });

  it('fills every default from a note that has only a position', () => {
    expect(restoreNote('n1', { pos: { x: 1, y: 2 } })).toEqual({
      id: 'n1',
      text: '',
      pos: { x: 1, y: 2 },
      color: DEFAULT_NOTE_COLOR,
      author: '',
      authorName: '',
      team: '',
      clusterId: '',
      hidden: false,
      createdAt: 0,
      updatedAt: 0,
    });
  });

  it.each([
    ['text: number → ""', { text: 7 }, 'text', ''],
    ['text: control chars stripped, newline kept', { text: 'a\u0000\nb' }, 'text', 'a\nb'],
    ['text: bounded', { text: 'x'.repeat(MAX_NOTE_TEXT + 1) }, 'text', 'x'.repeat(MAX_NOTE_TEXT)],
    ['pos: clamped', { pos: { x: 1e9, y: -1e9 } }, 'pos', { x: CANVAS_MAX, y: CANVAS_MIN }],
    ['color: unknown name → default', { color: 'hotpink' }, 'color', DEFAULT_NOTE_COLOR],
    ['color: a fill instead of a name → default', { color: '#FFF1A8' }, 'color', DEFAULT_NOTE_COLOR],
    ['color: non-string → default', { color: 3 }, 'color', DEFAULT_NOTE_COLOR],
    ['author: non-string → ""', { author: { id: 1 } }, 'author', ''],
    ['author: bounded to 64', { author: 'a'.repeat(100) }, 'author', 'a'.repeat(64)],
    ['authorName: bounded', { authorName: 'n'.repeat(MAX_NAME + 10) }, 'authorName', 'n'.repeat(MAX_NAME)],
    ['authorName: control chars stripped', { authorName: 'A\u0007na' }, 'authorName', 'Ana'],
    ['team: non-string → ""', { team: null }, 'team', ''],
    ['team: bounded to 64', { team: 't'.repeat(65) }, 'team', 't'.repeat(64)],
    ['createdAt: negative → 0', { createdAt: -5 }, 'createdAt', 0],
    ['createdAt: NaN → 0', { createdAt: NaN }, 'createdAt', 0],
    ['createdAt: string → 0', { createdAt: '1700000000000' }, 'createdAt', 0],
    ['updatedAt: Infinity → 0', { updatedAt: Infinity }, 'updatedAt', 0],
    ['updatedAt: zero kept', { updatedAt: 0 }, 'updatedAt', 0],
  ])('%s', (_label, override, field, expected) => {
    const note = restoreNote('n1', { ...goodFields, ...override });
    expect(note?.[field as keyof typeof note]).toEqual(expected);
  });

  it('ignores unknown fields', () => {
    expect(restoreNote('n1', { ...goodFields, votes: 99, __proto__: { x: 1 } })).toEqual({ id: 'n1', ...goodFields });
  });
});

describe('restoreMeta', () => {
  const meta = {
    schemaVersion: 2,
    title: 'Board',
    problem: 'How might we build belonging?',
    createdAt: 5,
    phase: 'vote',
    locked: true,
    teams: [{ id: 'north', name: 'North', color: '#112233' }],
  };

  it('keeps a well-formed meta', () => {
    expect(restoreMeta(meta)).toEqual(meta);
  });

  it('fills defaults for an empty record', () => {
    expect(restoreMeta({})).toEqual({ schemaVersion: 0, title: '', problem: '', createdAt: 0, phase: DEFAULT_PHASE, locked: false, teams: [] });
  });

  it.each([
    ['schemaVersion: string → 0', { schemaVersion: '1' }, 'schemaVersion', 0],
    ['schemaVersion: NaN → 0', { schemaVersion: NaN }, 'schemaVersion', 0],
    ['title: bounded', { title: 't'.repeat(MAX_TITLE + 1) }, 'title', 't'.repeat(MAX_TITLE)],
    ['title: control chars stripped', { title: 'a\u001Bb' }, 'title', 'ab'],
    ['title: non-string → ""', { title: ['a'] }, 'title', ''],
    ['createdAt: negative → 0', { createdAt: -1 }, 'createdAt', 0],
    ['phase: unknown → default', { phase: 'party' }, 'phase', DEFAULT_PHASE],
    ['phase: wrong case → default', { phase: 'Vote' }, 'phase', DEFAULT_PHASE],
    ['locked: truthy string → false', { locked: 'true' }, 'locked', false],
    ['locked: 1 → false', { locked: 1 }, 'locked', false],
    ['teams: not an array → []', { teams: { north: true } }, 'teams', []],
  ])('%s', (_label, fields, key, expected) => {
    expect(restoreMeta({ ...meta, ...fields })[key as keyof typeof meta]).toEqual(expected);
  });

  it.each(PHASES)('keeps phase %s', (phase) => {
    expect(restoreMeta({ phase }).phase).toBe(phase);
  });
});

describe('restoreTeams', () => {
  const north = { id: 'north', name: 'North', color: '#112233' };

  it.each([
    ['not an array', 'north', []],
    ['empty', [], []],
    ['well-formed', [north], [north]],
    ['non-object entries skipped', [null, 3, 'x', north], [north]],
    ['duplicate id: first wins', [north, { ...north, name: 'Other' }], [north]],
    ['id with uppercase skipped', [{ ...north, id: 'North' }], []],
    ['id with a space skipped', [{ ...north, id: 'no rth' }], []],
    ['id longer than 32 skipped', [{ ...north, id: 'n'.repeat(33) }], []],
    ['empty id skipped', [{ ...north, id: '' }], []],
    ['blank name skipped', [{ ...north, name: '  \n ' }], []],
    ['name of only control chars skipped', [{ ...north, name: '\u0000\u0007' }], []],
    ['name trimmed and cleaned', [{ ...north, name: '  No\u0000rth \n' }], [north]],
    ['name bounded', [{ ...north, name: 'n'.repeat(MAX_NAME + 9) }], [{ ...north, name: 'n'.repeat(MAX_NAME) }]],
    ['bad color → grey', [{ ...north, color: 'red' }], [{ ...north, color: '#555555' }]],
    ['missing color → grey', [{ id: 'north', name: 'North' }], [{ ...north, color: '#555555' }]],
    ['extra keys dropped', [{ ...north, secret: 1 }], [north]],
  ])('%s', (_label, input, expected) => {
    expect(restoreTeams(input)).toEqual(expected);
  });

  it(`keeps at most MAX_TEAMS (${MAX_TEAMS}) entries`, () => {
    const many = Array.from({ length: MAX_TEAMS + 5 }, (_, i) => ({ id: `t${i}`, name: `Team ${i}`, color: '#000000' }));
    expect(restoreTeams(many)).toHaveLength(MAX_TEAMS);
  });
});

describe('restorePresence', () => {
  const ok = {
    user: { id: 'p1', name: 'Ana', color: '#1A2b3C', role: 'facilitator', team: 'north' },
    cursor: { x: 1, y: 2 },
  };

  it('keeps a well-formed presence', () => {
    expect(restorePresence(ok)).toEqual(ok);
  });

  it.each([
    ['null', null],
    ['a string', 'Ana'],
    ['no user', { cursor: { x: 1, y: 2 } }],
    ['user is null', { user: null }],
    ['user without id', { user: { name: 'Ana' } }],
    ['user without name', { user: { id: 'p1' } }],
    ['numeric id', { user: { id: 1, name: 'Ana' } }],
  ])('rejects %s', (_label, input) => {
    expect(restorePresence(input)).toBeNull();
  });

  it.each([
    ['no color', undefined, '#555555'],
    ['named CSS color', 'red', '#555555'],
    ['short hex', '#abc', '#555555'],
    ['CSS injection', '#123456; background: url(x)', '#555555'],
    ['valid hex kept', '#00ff00', '#00ff00'],
  ])('user color: %s', (_label, color, expected) => {
    expect(restorePresence({ user: { id: 'p1', name: 'Ana', color } })?.user.color).toBe(expected);
  });

  it.each([
    ['facilitator kept', 'facilitator', 'facilitator'],
    ['participant kept', 'participant', 'participant'],
    ['missing → participant', undefined, 'participant'],
    ['unknown → participant', 'admin', 'participant'],
    ['wrong case → participant', 'Facilitator', 'participant'],
  ])('user role: %s', (_label, role, expected) => {
    expect(restorePresence({ user: { id: 'p1', name: 'Ana', role } })?.user.role).toBe(expected);
  });

  it.each([
    ['kept', 'north', 'north'],
    ['missing → ""', undefined, ''],
    ['non-string → ""', 7, ''],
    ['bounded to 64', 't'.repeat(70), 't'.repeat(64)],
  ])('user team: %s', (_label, team, expected) => {
    expect(restorePresence({ user: { id: 'p1', name: 'Ana', team } })?.user.team).toBe(expected);
  });

  it.each([
    ['missing', undefined, null],
    ['explicit null', null, null],
    ['NaN', { x: NaN, y: 0 }, null],
    ['off-canvas', { x: 1e9, y: 0 }, { x: CANVAS_MAX, y: 0 }],
  ])('cursor: %s', (_label, cursor, expected) => {
    expect(restorePresence({ user: { id: 'p1', name: 'Ana' }, cursor })?.cursor).toEqual(expected);
  });

  it('bounds and cleans the user fields', () => {
    const p = restorePresence({ user: { id: 'i'.repeat(100), name: 'A\u0000' + 'n'.repeat(MAX_NAME + 5) } });
    expect(p?.user.id).toBe('i'.repeat(64));
    expect(p?.user.name).toBe('A' + 'n'.repeat(MAX_NAME - 1));
  });
});
