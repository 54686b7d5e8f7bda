import { describe, expect, it } from 'vitest';
import { formatJoinCode, isJoinCode, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, newJoinCode, normalizeJoinCode } from '../../shared/joincode.js';

describe('join codes', () => {
  it('has no look-alike characters in its alphabet', () => {
    for (const c of '0O1IlL5S2Z8BUV') expect(JOIN_CODE_ALPHABET).not.toContain(c);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it('generates well-formed codes that use the whole alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const code = newJoinCode();
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      expect(isJoinCode(code)).toBe(true);
      for (const c of code) seen.add(c);
    }
    expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it.each([
    ['acd-479', 'ACD479'],
    [' ACD 479 ', 'ACD479'],
    ['a c d 4 7 9', 'ACD479'],
  ])('normalizes what people type: %j', (typed, want) => {
    expect(normalizeJoinCode(typed)).toBe(want);
    expect(isJoinCode(normalizeJoinCode(typed))).toBe(true);
  });

  it.each(['ACD47', 'ACD4790', 'ACD47O', 'acd479', '', 'ACD 479'])('rejects %j', (s) => {
    expect(isJoinCode(s)).toBe(false);
  });

  it('formats in two groups of three', () => {
    expect(formatJoinCode('ACD479')).toBe('ACD 479');
  });
});
