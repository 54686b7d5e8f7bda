/**
 * The text a compact (zoomed-out) note shows. Compact notes are drawn without clipping: a clip per
 * note made the browser's per-frame layer work several times larger on a thousand-note board. So
 * the text must fit without one: one paragraph, at most COMPACT_TEXT_MAX characters (UTF-16 units),
 * which is five lines of the widest Latin letters, CJK or emoji in a note's text box.
 */
export const COMPACT_TEXT_MAX = 48;

export function compactText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= COMPACT_TEXT_MAX) return flat;
  let cut = flat.slice(0, COMPACT_TEXT_MAX - 1);
  // Never end inside a surrogate pair (half an emoji).
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // At a word boundary when one is near the end; otherwise mid-word (long words, CJK).
  const space = cut.lastIndexOf(' ');
  if (flat[cut.length] !== ' ' && space >= COMPACT_TEXT_MAX * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}
