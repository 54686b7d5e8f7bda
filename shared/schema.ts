/**
 * The board document, in one place. A board is one Y.Doc with these roots:
 *
 *   meta   Y.Map   board-level fields (schemaVersion, title, createdAt, phase, locked, teams);
 *                  written only by the server, on a facilitator's command
 *   notes     Y.Map   NoteId -> Y.Map, one value per note field
 *   clusters  Y.Map   ClusterId -> Y.Map, one value per category field
 *
 * Membership lives on the note (note.clusterId), never as a list on the category, so a
 * concurrent move and a concurrent rename never conflict. A note in a category stores its
 * position relative to the category, so moving a category is one write. Categories are never
 * removed from the map, only marked deleted: a note moved into a category while someone else
 * deletes it still has a place to be (unsorted, where the category was).
 *
 * A note is a nested Y.Map so that concurrent edits of different fields (text by one person,
 * position by another) never overwrite each other. The position is one value {x, y}: two keys
 * would leave two tombstoned entries per drag step and grow the document ~40x over a session.
 */
import type * as Y from 'yjs';
import type { NoteColor } from './palette.js';
import type { Phase } from './phases.js';

/** Bumped whenever the document shape changes; each bump has a named migration in migrations.ts. */
export const SCHEMA_VERSION = 3;

export const ROOT_META = 'meta';
export const ROOT_NOTES = 'notes';
export const ROOT_CLUSTERS = 'clusters';

export const MAX_NOTE_TEXT = 1_000; // characters: a sticky note, not an essay
export const MAX_TITLE = 200;
/** The problem of practice ("How might we …?"). */
export const MAX_PROBLEM = 600;
export const MAX_NAME = 60;
export const MAX_NOTES_PER_BOARD = 5_000; // the brief designs for 2,000; headroom, but a bound
/** Canvas bounds in board units; positions are clamped so no note is lost off-canvas. */
export const CANVAS_MIN = -20_000;
export const CANVAS_MAX = 20_000;
export const NOTE_WIDTH = 180;
export const NOTE_HEIGHT = 120;

export interface Point {
  x: number;
  y: number;
}

/** A note as plain data (what selectors return and what validation produces). */
export interface Note {
  id: string;
  text: string;
  pos: Point;
  color: NoteColor;
  /** Stable participant id of the author (not a display name). */
  author: string;
  authorName: string;
  /** Team id, or '' when the author has no team. */
  team: string;
  /** Category id, or '' when unsorted. With a category, `pos` is relative to the category. */
  clusterId: string;
  /** Hidden by the facilitator (moderation): kept, but shown only to the facilitator. */
  hidden: boolean;
  createdAt: number;
  /** When the note's content (text, color, visibility) last changed; moving or sorting it does not count. */
  updatedAt: number;
}

export type NoteField = keyof Omit<Note, 'id'>;
export const NOTE_FIELDS: readonly NoteField[] = [
  'text', 'pos', 'color', 'author', 'authorName', 'team', 'clusterId', 'hidden', 'createdAt', 'updatedAt',
];

export interface Size {
  w: number;
  h: number;
}

export const MAX_CLUSTER_NAME = 120;
export const MAX_CLUSTER_DESCRIPTION = 600;
export const MAX_CLUSTERS_PER_BOARD = 100;
export const CLUSTER_MIN_SIZE: Size = { w: 240, h: 200 };
export const CLUSTER_MAX_SIZE: Size = { w: 6_000, h: 6_000 };
export const CLUSTER_DEFAULT_SIZE: Size = { w: 640, h: 440 };
/** Height of a category's title bar; notes sit below it. */
export const CLUSTER_HEADER_HEIGHT = 72;

/** A solution category as plain data. */
export interface Cluster {
  id: string;
  name: string;
  description: string;
  color: NoteColor;
  pos: Point;
  size: Size;
  /** Sort key for the outline and for reordering (fractional, so a move is one write). */
  order: number;
  createdBy: string;
  createdAt: number;
  deleted: boolean;
  /** When merged away: the category its notes went to. */
  mergedInto: string;
}

export type ClusterField = keyof Omit<Cluster, 'id'>;
export const CLUSTER_FIELDS: readonly ClusterField[] = [
  'name', 'description', 'color', 'pos', 'size', 'order', 'createdBy', 'createdAt', 'deleted', 'mergedInto',
];

/** A team taking part (a district, a school, a group), defined by the facilitator. */
export interface Team {
  id: string;
  name: string;
  color: string;
}

export const MAX_TEAMS = 24;

export interface BoardMeta {
  schemaVersion: number;
  title: string;
  /** The problem of practice the board brainstorms solutions for. */
  problem: string;
  createdAt: number;
  phase: Phase;
  locked: boolean;
  teams: Team[];
}

/** What each client publishes in awareness: temporary, never persisted. */
export interface PresenceState {
  /** Set by the server from the connection's token: nobody can claim another name or role. */
  user: { id: string; name: string; color: string; role: 'facilitator' | 'participant'; team: string };
  /** Pointer in board coordinates, or null when the pointer is off the board. */
  cursor: Point | null;
}

export type NoteMap = Y.Map<unknown>;

export const getMeta = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT_META);
export const getNotes = (doc: Y.Doc): Y.Map<NoteMap> => doc.getMap<NoteMap>(ROOT_NOTES);
export const getClusters = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap<Y.Map<unknown>>(ROOT_CLUSTERS);
