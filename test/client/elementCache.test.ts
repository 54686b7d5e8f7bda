import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { createElementCache, perAuthor } from '../../client/board/elementCache.js';

describe('element cache', () => {
  const make = (d: readonly [string, number]) => createElement('div', { title: d[0], tabIndex: d[1] });

  it('reuses an element while its values are the same, and makes a new one when one changes', () => {
    const cache = createElementCache();
    const note = { text: 'a' };
    const first = cache.card('n1', [note.text, 1] as const, make);
    cache.prune(1);
    expect(cache.card('n1', ['a', 1] as const, make)).toBe(first);
    cache.prune(1);
    const changed = cache.card('n1', ['a', 2] as const, make);
    expect(changed).not.toBe(first);
    expect(changed.props).toEqual({ title: 'a', tabIndex: 2 });
  });

  it('forgets the elements of notes that are gone', () => {
    const cache = createElementCache();
    const a = cache.card('a', ['a', 0] as const, make);
    const b = cache.card('b', ['b', 0] as const, make);
    cache.prune(2);
    // Only 'a' is left on the board: 'b' is forgotten, so coming back it is made anew.
    expect(cache.card('a', ['a', 0] as const, make)).toBe(a);
    cache.prune(1);
    expect(cache.card('b', ['b', 0] as const, make)).not.toBe(b);
  });

  it('asks for permissions once per author', () => {
    const asked: string[] = [];
    const perms = perAuthor((author) => (asked.push(author), { edit: author === 'me', move: true, remove: false }));
    expect(perms('me').edit).toBe(true);
    expect(perms('you').edit).toBe(false);
    expect(perms('me')).toBe(perms('me'));
    expect(asked).toEqual(['me', 'you']);
  });
});
