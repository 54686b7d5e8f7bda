import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MIGRATIONS, migrate, type Migration } from '../../shared/migrations.js';
import { addNote, selectNotes } from '../../shared/notes.js';
import { MIGRATION_ORIGIN } from '../../shared/origins.js';
import { SCHEMA_VERSION, getMeta } from '../../shared/schema.js';
import { restoreMeta } from '../../shared/validate.js';

const NOW = 1_700_000_000_000;

function recordUpdates(doc: Y.Doc): unknown[] {
  const origins: unknown[] = [];
  doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
  return origins;
}

/** A doc stamped with a schema version and nothing else. */
function docAt(version: unknown): Y.Doc {
  const doc = new Y.Doc();
  getMeta(doc).set('schemaVersion', version);
  return doc;
}

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('MIGRATIONS', () => {
  it('has one named step per version, 1..SCHEMA_VERSION, in order', () => {
    expect(MIGRATIONS.map((m) => m.to)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it.each(MIGRATIONS.map((m) => [m.to, m.name] as const))('step %i has a unique kebab-case name (%s)', (_to, name) => {
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(MIGRATIONS.filter((m) => m.name === name)).toHaveLength(1);
  });
});

describe('migrate with the real migrations', () => {
  it('brings a fresh doc from 0 to SCHEMA_VERSION through every named step, in one update', () => {
    const doc = new Y.Doc();
    const origins = recordUpdates(doc);
    expect(migrate(doc)).toEqual({ ok: true, from: 0, to: SCHEMA_VERSION, applied: MIGRATIONS.map((m) => m.name) });
    expect(origins).toEqual([MIGRATION_ORIGIN]);
    expect(getMeta(doc).toJSON()).toMatchObject({ schemaVersion: SCHEMA_VERSION, title: '', createdAt: NOW });
  });

  it('leaves a fresh doc with a meta that validation has nothing to repair', () => {
    const doc = new Y.Doc();
    migrate(doc);
    const meta = getMeta(doc).toJSON();
    expect(restoreMeta(meta)).toEqual(meta);
  });

  it('leaves a current doc untouched (no update at all)', () => {
    const doc = new Y.Doc();
    migrate(doc);
    const before = Y.encodeStateAsUpdate(doc);
    const origins = recordUpdates(doc);
    expect(migrate(doc)).toEqual({ ok: true, from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] });
    expect(origins).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('keeps the title and createdAt an unversioned doc already had', () => {
    const doc = new Y.Doc();
    getMeta(doc).set('title', 'Retro');
    getMeta(doc).set('createdAt', 42);
    migrate(doc);
    expect(getMeta(doc).toJSON()).toMatchObject({ schemaVersion: SCHEMA_VERSION, title: 'Retro', createdAt: 42 });
  });

  it('does not touch the notes', () => {
    const doc = new Y.Doc();
    addNote(doc, { text: 'keep me', pos: { x: 1, y: 2 }, author: 'p1', authorName: 'Ana', now: 5 });
    const notes = selectNotes(doc);
    migrate(doc);
    expect(selectNotes(doc)).toEqual(notes);
  });

  it.each([SCHEMA_VERSION + 1, SCHEMA_VERSION + 100])('refuses a doc at version %i and writes nothing', (version) => {
    const doc = docAt(version);
    const origins = recordUpdates(doc);
    expect(migrate(doc)).toEqual({ ok: false, reason: 'too-new', version });
    expect(origins).toEqual([]);
    expect(getMeta(doc).toJSON()).toEqual({ schemaVersion: version });
  });

  it.each([
    ['a string', '1'],
    ['negative', -1],
    ['null', null],
    ['NaN', NaN],
  ])('treats a schemaVersion that is %s as version 0', (_label, raw) => {
    const result = migrate(docAt(raw));
    expect(result).toMatchObject({ ok: true, from: 0, to: SCHEMA_VERSION });
  });
});

describe('step 2, phases-lock-and-teams', () => {
  const teams = [{ id: 'north', name: 'North', color: '#112233' }];
  it.each([
    ['a v1 board gets brainstorm, unlocked, no teams', {}, { phase: 'brainstorm', locked: false, teams: [] }],
    ['a valid phase is kept', { phase: 'vote' }, { phase: 'vote' }],
    ['an unknown phase becomes brainstorm', { phase: 'party' }, { phase: 'brainstorm' }],
    ['a boolean lock is kept', { locked: true }, { locked: true }],
    ['a non-boolean lock becomes false', { locked: 'yes' }, { locked: false }],
    ['a team list is kept', { teams }, { teams }],
    ['a non-array team list becomes []', { teams: 'north' }, { teams: [] }],
  ])('%s', (_label, fields, expected) => {
    const doc = docAt(1);
    for (const [k, v] of Object.entries(fields)) getMeta(doc).set(k, v);
    expect(migrate(doc, MIGRATIONS, 2)).toEqual({ ok: true, from: 1, to: 2, applied: ['phases-lock-and-teams'] });
    expect(getMeta(doc).toJSON()).toMatchObject({ schemaVersion: 2, ...expected });
  });
});

describe('migrate with a custom list', () => {
  /** Three steps, listed out of order; each records its name and checks it runs on the version before it. */
  function steps(log: string[]): Migration[] {
    const step = (to: number, name: string): Migration => ({
      to,
      name,
      up: (doc) => {
        expect(getMeta(doc).get('schemaVersion') ?? 0).toBe(to - 1);
        log.push(name);
        getMeta(doc).set(`did-${to}`, true);
      },
    });
    return [step(3, 'three'), step(1, 'one'), step(2, 'two')];
  }

  it.each([
    { from: 0, target: 1, applied: ['one'] },
    { from: 0, target: 2, applied: ['one', 'two'] },
    { from: 0, target: 3, applied: ['one', 'two', 'three'] },
    { from: 1, target: 3, applied: ['two', 'three'] },
    { from: 2, target: 2, applied: [] },
  ])('from $from to target $target runs $applied', ({ from, target, applied }) => {
    const log: string[] = [];
    const doc = from === 0 ? new Y.Doc() : docAt(from);
    const result = migrate(doc, steps(log), target);
    expect(result).toEqual({ ok: true, from, to: applied.length ? target : from, applied });
    expect(log).toEqual(applied);
    expect(getMeta(doc).get('schemaVersion') ?? 0).toBe(target);
  });

  it('stops at an intermediate target and continues from there later', () => {
    const log: string[] = [];
    const doc = new Y.Doc();
    const list = steps(log);
    expect(migrate(doc, list, 2)).toMatchObject({ ok: true, from: 0, to: 2 });
    expect(getMeta(doc).get('did-3')).toBeUndefined();
    expect(migrate(doc, list, 3)).toEqual({ ok: true, from: 2, to: 3, applied: ['three'] });
    expect(log).toEqual(['one', 'two', 'three']);
  });

  it('runs several steps as one transaction', () => {
    const doc = new Y.Doc();
    const origins = recordUpdates(doc);
    migrate(doc, steps([]), 3);
    expect(origins).toEqual([MIGRATION_ORIGIN]);
  });

  it('refuses a doc newer than an intermediate target', () => {
    expect(migrate(docAt(3), steps([]), 2)).toEqual({ ok: false, reason: 'too-new', version: 3 });
  });

  it('a failing step throws and leaves the version at the last step that finished', () => {
    const doc = new Y.Doc();
    const list: Migration[] = [
      { to: 1, name: 'ok', up: () => undefined },
      { to: 2, name: 'boom', up: () => { throw new Error('boom'); } },
    ];
    expect(() => migrate(doc, list, 2)).toThrow('boom');
    // Yjs does not roll a transaction back, so the version must not claim the failed step ran.
    expect(getMeta(doc).get('schemaVersion')).toBe(1);
  });
});
