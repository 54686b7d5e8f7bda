import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { selectMeta, selectRules, setLocked, setPhase, setTeams, setTitle } from '../../shared/meta.js';
import { migrate } from '../../shared/migrations.js';
import { SERVER_ORIGIN } from '../../shared/origins.js';
import { isPhase, nextPhase, PHASES } from '../../shared/phases.js';
import { getMeta, MAX_TEAMS } from '../../shared/schema.js';

const fresh = () => {
  const doc = new Y.Doc();
  migrate(doc);
  return doc;
};

describe('board meta', () => {
  it('phases come in the workshop order and any can follow any', () => {
    expect(PHASES).toEqual(['frame', 'brainstorm', 'cluster', 'vote', 'decide', 'plan']);
    expect(nextPhase('frame')).toBe('brainstorm');
    expect(nextPhase('plan')).toBeNull();
    expect(isPhase('vote')).toBe(true);
    expect(isPhase('Vote')).toBe(false);
    const doc = fresh();
    for (const p of [...PHASES].reverse()) {
      setPhase(doc, p);
      expect(selectRules(doc).phase).toBe(p);
    }
  });

  it('writers use the server origin and selectors validate', () => {
    const doc = fresh();
    const origins: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    setLocked(doc, true);
    setTitle(doc, '  How might we engage students?\u0000  ');
    expect(origins).toEqual([SERVER_ORIGIN, SERVER_ORIGIN]);
    const meta = selectMeta(doc);
    expect(meta.locked).toBe(true);
    expect(meta.title).toBe('How might we engage students?');
    expect(selectRules(doc)).toEqual({ phase: 'brainstorm', locked: true, silent: false, anonymous: false });
  });

  it('team lists are cleaned: unique slug ids, names required, bounded', () => {
    const doc = fresh();
    const stored = setTeams(doc, [
      { id: 'mpusd', name: 'Monterey Peninsula USD', color: '#0072B2' },
      { id: 'mpusd', name: 'duplicate', color: '#000000' },
      { id: 'Bad Id', name: 'x', color: '#000000' },
      { id: 'lbusd', name: '   ', color: '#000000' },
      { id: 'mastery', name: 'Mastery', color: 'red' },
    ]);
    expect(stored).toEqual([
      { id: 'mpusd', name: 'Monterey Peninsula USD', color: '#0072B2' },
      { id: 'mastery', name: 'Mastery', color: '#555555' },
    ]);
    expect(selectMeta(doc).teams).toEqual(stored);
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, name: `Team ${i}`, color: '#123456' }));
    expect(setTeams(doc, [{ id: 'x', name: '', color: '#000000' }, ...many])).toHaveLength(MAX_TEAMS);
  });

  it('selectRules treats missing or garbage meta as an unlocked frame', () => {
    const doc = new Y.Doc();
    getMeta(doc).set('phase', 'party');
    getMeta(doc).set('locked', 'yes');
    expect(selectRules(doc)).toEqual({ phase: 'frame', locked: false, silent: false, anonymous: false });
  });
});
