import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { createElementCache, perAuthor } from '../../client/board/elementCache.js';

describe('element cache', () => {
  const make = (p: { title: string; tabIndex: number }) => createElement('div', p);

  it('reuses an element while its props hold the same values, and makes a new one when one changes', () => {
    const cache = createElementCache();
    const first = cache.card('n1', { title: 'a', tabIndex: 1 }, make);
    cache.prune(1);
    expect(cache.card('n1', { title: 'a', tabIndex: 1 }, make)).toBe(first);
    cache.prune(1);
    const changed = cache.card('n1', { title: 'a', tabIndex: 2 }, make);
    expect(changed).not.toBe(first);
    expect(changed.props).toEqual({ title: 'a', tabIndex: 2 });
  });

  it('compares objects by identity, not by content', () => {
    const cache = createElementCache();
    const makeNote = (p: { note: { text: string } }) => createElement('div', { title: p.note.text });
    const first = cache.card('n1', { note: { text: 'a' } }, makeNote);
    cache.prune(1);
    // A note the store re-read (a new object) is drawn anew, even with the same text.
    expect(cache.card('n1', { note: { text: 'a' } }, makeNote)).not.toBe(first);
  });

  it('forgets the elements of notes that are gone', () => {
    const cache = createElementCache();
    const a = cache.card('a', { title: 'a', tabIndex: 0 }, make);
    const b = cache.card('b', { title: 'b', tabIndex: 0 }, make);
    cache.prune(2);
    // Only 'a' is left on the board: 'b' is forgotten, so coming back it is made anew.
    expect(cache.card('a', { title: 'a', tabIndex: 0 }, make)).toBe(a);
    cache.prune(1);
    expect(cache.card('b', { title: 'b', tabIndex: 0 }, make)).not.toBe(b);
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
