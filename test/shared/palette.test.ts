import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOTE_COLOR, NOTE_COLOR_NAMES, NOTE_COLORS, NOTE_EDGE_COLORS, NOTE_TEXT_COLOR, contrastRatio, isNoteColor, luminance, mixColors,
} from '../../shared/palette.js';

/** WCAG AAA for normal text. */
const AAA_CONTRAST = 7;

describe('contrastRatio', () => {
  // Reference values from the WCAG 2 relative-luminance formula (as any contrast checker reports them).
  it.each([
    ['#000000', '#FFFFFF', 21],
    ['#FFFFFF', '#000000', 21],
    ['#FFFFFF', '#FFFFFF', 1],
    ['#777777', '#FFFFFF', 4.48],
    ['#767676', '#FFFFFF', 4.54],
    ['#595959', '#FFFFFF', 7.0],
    ['#FF0000', '#FFFFFF', 4.0],
    ['#0000FF', '#FFFFFF', 8.59],
    ['#00FF00', '#000000', 15.3],
  ])('%s on %s = %f', (a, b, expected) => {
    expect(contrastRatio(a, b)).toBeCloseTo(expected, 1);
  });

  it('is symmetric and case-insensitive', () => {
    expect(contrastRatio('#1b1b1b', '#fff1a8')).toBe(contrastRatio('#FFF1A8', '#1B1B1B'));
  });
});

describe('luminance', () => {
  it('runs from black to white, green weighing most and blue least (WCAG 2)', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#FFFFFF')).toBeCloseTo(1, 10);
    expect(luminance('#00FF00')).toBeCloseTo(0.7152, 4);
    expect(luminance('#0000FF')).toBeCloseTo(0.0722, 4);
  });
});

describe('NOTE_COLORS', () => {
  it.each(Object.entries(NOTE_COLORS))('%s (%s) has at least 7:1 contrast with the note text', (_name, fill) => {
    expect(fill).toMatch(/^#[0-9A-F]{6}$/i);
    expect(contrastRatio(fill, NOTE_TEXT_COLOR)).toBeGreaterThanOrEqual(AAA_CONTRAST);
  });

  it('has distinct fills, so no two names look the same', () => {
    const fills = Object.values(NOTE_COLORS).map((f) => f.toUpperCase());
    expect(new Set(fills).size).toBe(fills.length);
  });

  it('lists every name once, with the default among them', () => {
    expect(NOTE_COLOR_NAMES).toEqual(Object.keys(NOTE_COLORS));
    expect(NOTE_COLOR_NAMES).toContain(DEFAULT_NOTE_COLOR);
  });
});

describe('isNoteColor', () => {
  it.each(NOTE_COLOR_NAMES)('accepts %s', (name) => {
    expect(isNoteColor(name)).toBe(true);
  });

  it.each([
    ['a fill instead of a name', '#FFF1A8'],
    ['wrong case', 'Yellow'],
    ['unknown name', 'pink'],
    ['empty string', ''],
    ['inherited property', 'toString'],
    ['prototype key', '__proto__'],
    ['constructor', 'constructor'],
    ['non-string', 1],
    ['null', null],
  ])('rejects %s (%j)', (_label, input) => {
    expect(isNoteColor(input)).toBe(false);
  });
});

describe('NOTE_EDGE_COLORS', () => {
  it('mixes opaque colors channel by channel', () => {
    expect(mixColors('#000000', '#FFFFFF', 0.5)).toBe('#808080');
    expect(mixColors('#FFF1A8', '#1B1B1B', 0)).toBe('#FFF1A8');
    expect(mixColors('#FFF1A8', '#1B1B1B', 1)).toBe('#1B1B1B');
  });

  it.each(Object.entries(NOTE_COLORS))('%s has an opaque edge darker than its fill, and lighter than the text', (name, fill) => {
    const edge = NOTE_EDGE_COLORS[name as keyof typeof NOTE_COLORS];
    expect(edge).toMatch(/^#[0-9A-F]{6}$/);
    // Darker than the fill: more contrast with white; lighter than the text: less contrast with white.
    expect(contrastRatio(edge, '#FFFFFF')).toBeGreaterThan(contrastRatio(fill, '#FFFFFF'));
    expect(contrastRatio(edge, '#FFFFFF')).toBeLessThan(contrastRatio(NOTE_TEXT_COLOR, '#FFFFFF'));
  });
});
