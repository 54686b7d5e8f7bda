/**
 * The one gate for untrusted data: anything read from the wire, from disk or from a remote
 * peer passes through here before the UI or the server relies on its shape.
 */
import { isNoteColor, DEFAULT_NOTE_COLOR } from './palette.js';
import { DEFAULT_PHASE, isPhase } from './phases.js';
import { isClusterId } from './ids.js';
import {
  CLUSTER_DEFAULT_SIZE, CLUSTER_MAX_SIZE, CLUSTER_MIN_SIZE, MAX_CLUSTER_DESCRIPTION, MAX_CLUSTER_NAME,
  type Cluster, type Size,
  MAX_TEAMS, type Team,
  CANVAS_MAX, CANVAS_MIN, MAX_NAME, MAX_NOTE_TEXT, MAX_PROBLEM, MAX_TITLE,
  type BoardMeta, type Note, type Point, type PresenceState,
} from './schema.js';

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A point inside the canvas, or null when v is not a pair of finite numbers. */
export function toPoint(v: unknown): Point | null {
  if (typeof v !== 'object' || v === null) return null;
  const { x, y } = v as Record<string, unknown>;
  if (!isFiniteNumber(x) || !isFiniteNumber(y)) return null;
  return { x: clamp(Math.round(x), CANVAS_MIN, CANVAS_MAX), y: clamp(Math.round(y), CANVAS_MIN, CANVAS_MAX) };
}

/**
 * Cut `s` to at most `max` UTF-16 units without splitting a surrogate pair: half an emoji is
 * sent by Yjs as U+FFFD to peers while the author keeps the half, and the replicas differ.
 */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Trim control characters (keep newlines and tabs) and bound the length. */
export function cleanText(v: unknown, max: number): string {
  if (typeof v !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  return truncate(v.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ''), max);
}

const str = (v: unknown, max: number): string => (typeof v === 'string' ? truncate(v, max) : '');
const time = (v: unknown): number => (isFiniteNumber(v) && v >= 0 ? v : 0);

/**
 * Restore a note from untrusted fields. Returns null when the note is unusable (no position);
 * otherwise every field has its declared type, defaults filling what is missing.
 */
export function restoreNote(id: string, fields: Record<string, unknown>): Note | null {
  const pos = toPoint(fields.pos);
  if (!pos) return null;
  return {
    id,
    text: cleanText(fields.text, MAX_NOTE_TEXT),
    pos,
    color: isNoteColor(fields.color) ? fields.color : DEFAULT_NOTE_COLOR,
    author: str(fields.author, 64),
    authorName: cleanText(fields.authorName, MAX_NAME),
    team: str(fields.team, 64),
    hidden: fields.hidden === true,
    clusterId: typeof fields.clusterId === 'string' && (fields.clusterId === '' || isClusterId(fields.clusterId)) ? fields.clusterId : '',
    createdAt: time(fields.createdAt),
    updatedAt: time(fields.updatedAt),
  };
}


/** A size within the category bounds, or null when v is not a pair of finite numbers. */
export function toSize(v: unknown): Size | null {
  if (typeof v !== 'object' || v === null) return null;
  const { w, h } = v as Record<string, unknown>;
  if (!isFiniteNumber(w) || !isFiniteNumber(h)) return null;
  return {
    w: clamp(Math.round(w), CLUSTER_MIN_SIZE.w, CLUSTER_MAX_SIZE.w),
    h: clamp(Math.round(h), CLUSTER_MIN_SIZE.h, CLUSTER_MAX_SIZE.h),
  };
}

/** Restore a category from untrusted fields; null when it has no usable position. */
export function restoreCluster(id: string, fields: Record<string, unknown>): Cluster | null {
  const pos = toPoint(fields.pos);
  if (!pos) return null;
  return {
    id,
    name: cleanText(fields.name, MAX_CLUSTER_NAME),
    description: cleanText(fields.description, MAX_CLUSTER_DESCRIPTION),
    color: isNoteColor(fields.color) ? fields.color : DEFAULT_NOTE_COLOR,
    pos,
    size: toSize(fields.size) ?? { ...CLUSTER_DEFAULT_SIZE },
    order: isFiniteNumber(fields.order) ? fields.order : 0,
    createdBy: str(fields.createdBy, 64),
    createdAt: time(fields.createdAt),
    deleted: fields.deleted === true,
    mergedInto: typeof fields.mergedInto === 'string' && isClusterId(fields.mergedInto) ? fields.mergedInto : '',
  };
}

/** Board meta with defaults for anything missing or mistyped. */
export function restoreMeta(fields: Record<string, unknown>): BoardMeta {
  return {
    schemaVersion: Number.isInteger(fields.schemaVersion) && (fields.schemaVersion as number) >= 0 ? (fields.schemaVersion as number) : 0,
    title: cleanText(fields.title, MAX_TITLE),
    problem: cleanText(fields.problem, MAX_PROBLEM),
    createdAt: time(fields.createdAt),
    phase: isPhase(fields.phase) ? fields.phase : DEFAULT_PHASE,
    locked: fields.locked === true,
    teams: restoreTeams(fields.teams),
  };
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** A team list from untrusted data: well-formed entries only, unique ids, bounded. */
export function restoreTeams(v: unknown): Team[] {
  if (!Array.isArray(v)) return [];
  const seen = new Set<string>();
  const out: Team[] = [];
  for (const t of v) {
    if (out.length >= MAX_TEAMS) break;
    if (typeof t !== 'object' || t === null) continue;
    const { id, name, color } = t as Record<string, unknown>;
    if (typeof id !== 'string' || !/^[a-z0-9-]{1,32}$/.test(id) || seen.has(id)) continue;
    const clean = cleanText(name, MAX_NAME).trim();
    if (!clean) continue;
    seen.add(id);
    out.push({ id, name: clean, color: typeof color === 'string' && HEX_COLOR.test(color) ? color : '#555555' });
  }
  return out;
}

/** A remote peer's presence, or null when it does not have the expected shape. */
export function restorePresence(v: unknown): PresenceState | null {
  if (typeof v !== 'object' || v === null) return null;
  const user = (v as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const u = user as Record<string, unknown>;
  if (typeof u.id !== 'string' || typeof u.name !== 'string') return null;
  const color = typeof u.color === 'string' && HEX_COLOR.test(u.color) ? u.color : '#555555';
  return {
    user: {
      id: truncate(u.id, 64),
      name: cleanText(u.name, MAX_NAME),
      color,
      role: u.role === 'facilitator' ? 'facilitator' : 'participant',
      team: typeof u.team === 'string' ? truncate(u.team, 64) : '',
    },
    cursor: toPoint((v as { cursor?: unknown }).cursor),
  };
}
