/** Branded string ids: a NoteId can never be passed where a BoardId is expected. */
export type Brand<T, B extends string> = T & { readonly __brand: B };
export type BoardId = Brand<string, 'BoardId'>;
export type NoteId = Brand<string, 'NoteId'>;
export type ClusterId = Brand<string, 'ClusterId'>;

// Base58-like alphabet: URL-safe, no look-alikes (0/O, 1/I/l), so ids read aloud or typed survive.
export const ID_ALPHABET = '23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
export const BOARD_ID_LENGTH = 12;
export const NOTE_ID_LENGTH = 12;

const BOARD_ID_RE = new RegExp(`^[${ID_ALPHABET}]{${BOARD_ID_LENGTH}}$`);
const NOTE_ID_RE = new RegExp(`^[${ID_ALPHABET}]{${NOTE_ID_LENGTH}}$`);

/** Random id from ID_ALPHABET using the platform CSPRNG (browser and Node both have globalThis.crypto). */
export function randomId(length: number): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  // 256 % 56 != 0 leaves a slight bias; acceptable for ids, whose only job is to be unguessable and unique.
  for (const b of bytes) out += ID_ALPHABET[b % ID_ALPHABET.length];
  return out;
}

export const newBoardId = (): BoardId => randomId(BOARD_ID_LENGTH) as BoardId;
export const newNoteId = (): NoteId => randomId(NOTE_ID_LENGTH) as NoteId;

/** True when s has the exact shape of a board id; checked before anything touches storage. */
export const isBoardId = (s: unknown): s is BoardId => typeof s === 'string' && BOARD_ID_RE.test(s);
export const newClusterId = (): ClusterId => randomId(NOTE_ID_LENGTH) as ClusterId;
/** True when s has the exact shape of a category id (same shape as a note id). */
export const isClusterId = (s: unknown): s is ClusterId => typeof s === 'string' && NOTE_ID_RE.test(s);

/** True when s has the exact shape of a note id. */
export const isNoteId = (s: unknown): s is NoteId => typeof s === 'string' && NOTE_ID_RE.test(s);
