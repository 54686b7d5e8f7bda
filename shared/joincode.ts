/**
 * Participant join codes: 6 characters a student can read off a projector and type on a phone.
 * The alphabet has no look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V), and input is forgiving:
 * case, spaces and dashes are ignored.
 */
export const JOIN_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
export const JOIN_CODE_LENGTH = 6;

const JOIN_CODE_RE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** A random join code (CSPRNG; rejection sampling keeps every character equally likely). */
export function newJoinCode(): string {
  let out = '';
  const n = JOIN_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  while (out.length < JOIN_CODE_LENGTH) {
    const bytes = new Uint8Array(16);
    globalThis.crypto.getRandomValues(bytes);
    for (const b of bytes) if (b < limit && out.length < JOIN_CODE_LENGTH) out += JOIN_CODE_ALPHABET[b % n];
  }
  return out;
}

/** Normalize what a person typed: upper-case, without spaces or dashes. */
export const normalizeJoinCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');

/** True when `s` (already normalized) is a well-formed join code. */
export const isJoinCode = (s: unknown): s is string => typeof s === 'string' && JOIN_CODE_RE.test(s);

/** Show a code in two groups of three, easier to read aloud: "ACD 479". */
export const formatJoinCode = (code: string): string => `${code.slice(0, 3)} ${code.slice(3)}`;
