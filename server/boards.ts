/** Board lifecycle commands behind the HTTP API. */
import * as Y from 'yjs';
import { isBoardId, newBoardId, randomId, type BoardId } from '../shared/ids.js';
import { migrate } from '../shared/migrations.js';
import { getMeta, MAX_TITLE } from '../shared/schema.js';
import { cleanText } from '../shared/validate.js';
import { HttpError } from './http.js';
import type { BoardRecord, BoardStore } from './storage/types.js';

export const EPOCH_LENGTH = 10;

/** Create a board with an initial document (current schema, title) and return its record. */
export async function createBoard(store: BoardStore, body: unknown, id: BoardId = newBoardId()): Promise<BoardRecord> {
  // VALIDATION
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).title : undefined;
  if (raw !== undefined && typeof raw !== 'string') throw new HttpError(400, 'title must be a string');
  // RESOLUTION
  const doc = new Y.Doc();
  migrate(doc);
  getMeta(doc).set('title', cleanText(raw ?? '', MAX_TITLE).trim());
  const record: BoardRecord = { id, epoch: randomId(EPOCH_LENGTH), createdAt: Date.now() };
  await store.create(record, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return record;
}

/** Parse a board id from a URL segment; null when it is not a well-formed id. */
export const parseBoardId = (s: string | undefined): BoardId | null => (isBoardId(s) ? s : null);
