/**
 * Sticky-note colors. Fills are the Okabe–Ito color-blind-safe set lightened to pastel
 * so dark text stays readable (every fill has ≥ 7:1 contrast with NOTE_TEXT_COLOR);
 * names are catalog keys, so the color is never the only cue (the picker shows the name).
 */
export const NOTE_COLORS = {
  yellow: '#FFF1A8',
  orange: '#FFD59E',
  sky: '#BFE3F7',
  green: '#BDEBD9',
  blue: '#B9D3F0',
  vermillion: '#F8C6B4',
  purple: '#E6CCE0',
  grey: '#E4E4E4',
} as const;

export type NoteColor = keyof typeof NOTE_COLORS;
export const NOTE_COLOR_NAMES = Object.keys(NOTE_COLORS) as NoteColor[];
export const DEFAULT_NOTE_COLOR: NoteColor = 'yellow';
export const NOTE_TEXT_COLOR = '#1B1B1B';

/** The red, green and blue channels (0..255) of a #RRGGBB color. */
const channels = (hex: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** `a` mixed with `b`, `t` of the way from a to b (0..1), both #RRGGBB; the result is opaque #RRGGBB. */
export function mixColors(a: string, b: string, t: number): string {
  const [ca, cb] = [channels(a), channels(b)];
  const out = ca.map((v, i) => Math.round(v + (cb[i]! - v) * t));
  return `#${out.map((v) => v.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
}

/**
 * Each fill's bottom edge for zoomed-out notes: the fill a quarter of the way to the text color,
 * opaque. Zoomed out, hundreds of notes are on screen, and a translucent shadow on each is what
 * the browser spends its frames drawing (see the .note.is-compact rule in canvas.css).
 */
export const NOTE_EDGE_COLORS = Object.fromEntries(
  Object.entries(NOTE_COLORS).map(([name, fill]) => [name, mixColors(fill, NOTE_TEXT_COLOR, 0.25)]),
) as Record<NoteColor, string>;

/**
 * The Okabe–Ito colors at full strength, for swatches always shown beside a name (teams,
 * criteria): they only need to be told apart from each other, not read against text.
 */
export const STRONG_COLORS = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  purple: '#CC79A7',
  sky: '#56B4E9',
  vermillion: '#D55E00',
  yellow: '#F0E442',
  black: '#000000',
} as const;

export type StrongColor = keyof typeof STRONG_COLORS;

/** Criteria take these in order (Equity blue, Resiliency green, Feasibility vermillion, …). */
export const CRITERION_COLOR_ORDER: readonly StrongColor[] = ['blue', 'green', 'vermillion', 'purple', 'orange', 'sky', 'black', 'yellow'];
/** Teams take these in order. */
export const TEAM_COLOR_ORDER: readonly StrongColor[] = ['blue', 'orange', 'green', 'purple', 'sky', 'vermillion', 'yellow', 'black'];

/** True for one of the palette's color names. */
export const isNoteColor = (s: unknown): s is NoteColor =>
  typeof s === 'string' && Object.prototype.hasOwnProperty.call(NOTE_COLORS, s);

/** WCAG relative luminance of a #RRGGBB color (0 black .. 1 white). */
export function luminance(hex: string): number {
  const lin = channels(hex).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

/** WCAG relative-luminance contrast ratio between two #RRGGBB colors. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
