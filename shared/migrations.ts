/**
 * Named, numbered schema migrations. A board stores meta.schemaVersion; on load the server
 * runs every migration above it, in order, in one transaction. A board newer than this code
 * is refused rather than rewritten (see MigrationResult).
 */
import type * as Y from 'yjs';
import { getMeta, SCHEMA_VERSION } from './schema.js';
import { MIGRATION_ORIGIN } from './origins.js';
import { isPhase } from './phases.js';

/**
 * Yjs does not roll back a transaction that throws, so a step that fails halfway leaves its
 * partial writes with the version at the previous step: every step must be safe to run twice.
 */
export interface Migration {
  /** The version this migration produces. */
  to: number;
  name: string;
  up: (doc: Y.Doc) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 1,
    name: 'initial-board-schema',
    // Version 0 is a document with no meta at all (a freshly created Y.Doc): stamp it.
    up: (doc) => {
      const meta = getMeta(doc);
      if (typeof meta.get('createdAt') !== 'number') meta.set('createdAt', Date.now());
      if (typeof meta.get('title') !== 'string') meta.set('title', '');
    },
  },
  {
    to: 2,
    name: 'phases-lock-and-teams',
    // Boards from before roles existed were open to everyone: keep them usable by starting in
    // brainstorm rather than frame (where participants cannot post).
    up: (doc) => {
      const meta = getMeta(doc);
      if (!isPhase(meta.get('phase'))) meta.set('phase', 'brainstorm');
      if (typeof meta.get('locked') !== 'boolean') meta.set('locked', false);
      if (!Array.isArray(meta.get('teams'))) meta.set('teams', []);
    },
  },
  {
    to: 3,
    name: 'categories-and-problem-of-practice',
    // Categories live in their own root and notes gain clusterId; a missing clusterId already
    // reads as "unsorted", so existing notes need no rewrite (and none is made: every write
    // here would be a tombstone in every note). The board gains its problem of practice.
    up: (doc) => {
      const meta = getMeta(doc);
      if (typeof meta.get('problem') !== 'string') meta.set('problem', '');
    },
  },
];

export type MigrationResult =
  | { ok: true; from: number; to: number; applied: string[] }
  | { ok: false; reason: 'too-new'; version: number };

/** Bring a document up to SCHEMA_VERSION (or up to `target`, for tests of intermediate steps). */
export function migrate(doc: Y.Doc, migrations: readonly Migration[] = MIGRATIONS, target = SCHEMA_VERSION): MigrationResult {
  const meta = getMeta(doc);
  const raw = meta.get('schemaVersion');
  // Anything above the target is refused even if malformed (2.5): never downgrade a newer board.
  if (typeof raw === 'number' && raw > target) return { ok: false, reason: 'too-new', version: raw };
  const from = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : 0;
  const todo = migrations.filter((m) => m.to > from && m.to <= target).sort((a, b) => a.to - b.to);
  if (todo.length === 0) return { ok: true, from, to: from, applied: [] };
  doc.transact(() => {
    for (const m of todo) {
      m.up(doc);
      meta.set('schemaVersion', m.to);
    }
  }, MIGRATION_ORIGIN);
  return { ok: true, from, to: todo[todo.length - 1]!.to, applied: todo.map((m) => m.name) };
}
