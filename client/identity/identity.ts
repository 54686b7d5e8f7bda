/**
 * Who "I" am on this device: a random participant id (what notes record as author), a
 * display name, and a presence color. No account: everything lives in localStorage, and a
 * device without storage simply gets a fresh identity per page load.
 */
import { randomId } from '../../shared/ids.js';
import { MAX_NAME } from '../../shared/schema.js';
import { cleanText } from '../../shared/validate.js';
import { NAME_SEED_RANGE } from './friendlyNames.js';

const IDENTITY_STORAGE_KEY = 'charrette:identity';
const PARTICIPANT_ID_LENGTH = 16;

/**
 * Saturated enough to carry white label text at ≥ 4.5:1, and distinct from one another for the
 * common forms of color blindness; the name label is always shown, so color is never the only cue.
 */
export const PRESENCE_COLORS = [
  '#0B5CAD', '#B3261E', '#1E7A46', '#8E3B9E', '#A14D00', '#00727A', '#5A4FCF', '#A4235F',
] as const;

export interface StoredIdentity {
  id: string;
  /** Indices into the friendly-name lists; used while customName is null. */
  nameSeed: [number, number];
  customName: string | null;
  color: string;
}

const randomInt = (n: number): number => {
  const b = new Uint32Array(1);
  globalThis.crypto.getRandomValues(b);
  return (b[0] ?? 0) % n;
};

function freshIdentity(): StoredIdentity {
  return {
    id: randomId(PARTICIPANT_ID_LENGTH),
    nameSeed: [randomInt(NAME_SEED_RANGE.adjectives), randomInt(NAME_SEED_RANGE.animals)],
    customName: null,
    color: PRESENCE_COLORS[randomInt(PRESENCE_COLORS.length)] ?? PRESENCE_COLORS[0],
  };
}

/** Parse what localStorage holds; anything malformed is replaced rather than trusted. */
function restoreIdentity(raw: string | null): StoredIdentity | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<StoredIdentity>;
    const seed = v.nameSeed;
    if (typeof v.id !== 'string' || !/^[0-9A-Za-z]{8,64}$/.test(v.id)) return null;
    if (!Array.isArray(seed) || seed.length !== 2 || !seed.every((n) => Number.isInteger(n) && n >= 0)) return null;
    const color = (PRESENCE_COLORS as readonly string[]).includes(v.color ?? '') ? v.color! : PRESENCE_COLORS[0];
    const customName = typeof v.customName === 'string' ? cleanText(v.customName, MAX_NAME).trim() || null : null;
    return { id: v.id, nameSeed: [seed[0]!, seed[1]!], customName, color };
  } catch {
    return null;
  }
}

export function loadIdentity(): StoredIdentity {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(IDENTITY_STORAGE_KEY);
  } catch {
    // No storage: fall through to a per-page identity.
  }
  const existing = restoreIdentity(raw);
  if (existing) return existing;
  const fresh = freshIdentity();
  saveIdentity(fresh);
  return fresh;
}

export function saveIdentity(identity: StoredIdentity): void {
  try {
    localStorage.setItem(IDENTITY_STORAGE_KEY, JSON.stringify(identity));
  } catch {
    // Not persisted; the identity still holds for this page.
  }
}
