import { describe, expect, it } from 'vitest';
import { COMPACT_TEXT_MAX, compactText } from '../../client/board/compactText.js';

describe('compactText', () => {
  it('keeps short text, on one line', () => {
    expect(compactText('Peer mentors')).toBe('Peer mentors');
    expect(compactText('  Peer\nmentors\n\nfrom 11th grade ')).toBe('Peer mentors from 11th grade');
  });

  it('cuts long text at a word boundary, with an ellipsis, within the limit', () => {
    const long = 'Ninth-grade success teams meet weekly to review credits, attendance and grades';
    const out = compactText(long);
    expect(out.length).toBeLessThanOrEqual(COMPACT_TEXT_MAX);
    expect(out).toBe('Ninth-grade success teams meet weekly to review…');
    expect(long.startsWith(out.slice(0, -1))).toBe(true);
  });

  it('cuts a text without spaces mid-word, and never through an emoji', () => {
    expect(compactText('冬'.repeat(80))).toBe(`${'冬'.repeat(COMPACT_TEXT_MAX - 1)}…`);
    const emoji = compactText('🎒'.repeat(40));
    expect(emoji.length).toBeLessThanOrEqual(COMPACT_TEXT_MAX);
    expect(emoji).toBe(`${'🎒'.repeat(23)}…`);
  });
});
