/**
 * Markers let a receiver time an update without decoding Yjs. Every update a simulated user
 * sends writes a note text containing `§<sender>:<seq>§` (base 36). Yjs stores a map value's
 * string as plain UTF-8 inside the update, and merging updates (as a server may, per turn)
 * copies it unchanged, so a Buffer.indexOf over the received bytes finds every marker, even
 * several in one merged message. The send time is looked up by (sender, seq) in the
 * generator's own table: one process, one clock, and the table is needed anyway to count what
 * never arrived.
 */

const SECTION = '\u00a7';
/** `§` in UTF-8. */
const MARK = Buffer.from(SECTION, 'utf8');
const COLON = 0x3a;
const MAX_DIGITS = 8;

export const marker = (sender: number, seq: number): string => `${SECTION}${sender.toString(36)}:${seq.toString(36)}${SECTION}`;

/** Value of one base-36 digit byte, or -1. */
function digit(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x7a) return b - 0x61 + 10;
  return -1;
}

/**
 * Call `found(sender, seq)` for every well-formed marker in `bytes`; returns how many. Anything
 * between two `§` that is not `<digits>:<digits>` is skipped (it may be the closing `§` of one
 * marker followed by ordinary bytes).
 */
export function scanMarkers(bytes: Buffer, found: (sender: number, seq: number) => void): number {
  let n = 0;
  let i = bytes.indexOf(MARK);
  while (i !== -1) {
    let p = i + MARK.length;
    let sender = 0;
    let digits = 0;
    let d: number;
    while (p < bytes.length && (d = digit(bytes[p]!)) >= 0 && digits < MAX_DIGITS) {
      sender = sender * 36 + d;
      p++;
      digits++;
    }
    if (digits > 0 && bytes[p] === COLON) {
      p++;
      let seq = 0;
      digits = 0;
      while (p < bytes.length && (d = digit(bytes[p]!)) >= 0 && digits < MAX_DIGITS) {
        seq = seq * 36 + d;
        p++;
        digits++;
      }
      if (digits > 0 && bytes[p] === MARK[0] && bytes[p + 1] === MARK[1]) {
        found(sender, seq);
        n++;
        i = bytes.indexOf(MARK, p + MARK.length);
        continue;
      }
    }
    i = bytes.indexOf(MARK, i + MARK.length);
  }
  return n;
}
