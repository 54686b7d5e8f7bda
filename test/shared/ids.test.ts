import { describe, expect, it } from 'vitest';
import {
  BOARD_ID_LENGTH, ID_ALPHABET, NOTE_ID_LENGTH, isBoardId, isNoteId, newBoardId, newNoteId, randomId,
} from '../../shared/ids.js';

const LOOK_ALIKES = ['0', 'O', '1', 'I', 'l'];

describe('ID_ALPHABET', () => {
  it('has 56 distinct URL-safe characters', () => {
    expect(new Set(ID_ALPHABET).size).toBe(ID_ALPHABET.length);
    expect(ID_ALPHABET).toHaveLength(56);
    expect(ID_ALPHABET).toMatch(/^[0-9A-Za-z]+$/);
    expect(encodeURIComponent(ID_ALPHABET)).toBe(ID_ALPHABET);
  });

  it.each(LOOK_ALIKES)('leaves out the look-alike %j', (c) => {
    expect(ID_ALPHABET).not.toContain(c);
  });
});

describe('randomId', () => {
  it.each([0, 1, 7, 12, 64])('length %i gives exactly that many alphabet characters', (n) => {
    const id = randomId(n);
    expect(id).toHaveLength(n);
    for (const c of id) expect(ID_ALPHABET).toContain(c);
  });

  it('draws from the whole alphabet and does not repeat itself', () => {
    const ids = Array.from({ length: 2_000 }, () => randomId(12));
    expect(new Set(ids).size).toBe(ids.length);
    // 24,000 draws over 56 symbols: every symbol shows up unless the mapping skips some.
    expect(new Set(ids.join('')).size).toBe(ID_ALPHABET.length);
  });
});

describe.each([
  { kind: 'board', make: newBoardId, is: isBoardId, length: BOARD_ID_LENGTH },
  { kind: 'note', make: newNoteId, is: isNoteId, length: NOTE_ID_LENGTH },
])('$kind ids', ({ make, is, length }) => {
  it('are generated in the shape their guard accepts', () => {
    for (let i = 0; i < 200; i++) {
      const id = make();
      expect(id).toHaveLength(length);
      expect(is(id)).toBe(true);
    }
  });

  const valid = 'abcDEF234xyz'.slice(0, length).padEnd(length, 'a');

  it.each<[string, string, boolean]>([
    ['exact length, alphabet only', valid, true],
    ['one character short', valid.slice(1), false],
    ['one character long', valid + 'a', false],
    ['empty', '', false],
    ['trailing newline', valid + '\n', false],
    ['leading space', ' ' + valid.slice(1), false],
    ['url-unsafe character', valid.slice(1) + '/', false],
    ['dash', valid.slice(1) + '-', false],
    ['non-ASCII look-alike (Cyrillic a)', valid.slice(1) + '\u0430', false],
    ...LOOK_ALIKES.map((c): [string, string, boolean] => [`contains look-alike ${c}`, valid.slice(1) + c, false]),
  ])('%s → %s', (_label, input, expected) => {
    expect(is(input)).toBe(expected);
  });

  it.each([
    ['number', 123456789012],
    ['null', null],
    ['undefined', undefined],
    ['array of one id', [valid]],
    ['String object', new String(valid)],
  ])('rejects a non-string (%s)', (_label, input) => {
    expect(is(input)).toBe(false);
  });
});
