/**
 * Silent brainstorm drafts: notes a participant writes while the facilitator keeps the room
 * quiet. They live only in this browser (localStorage, so they survive a reload) and reach
 * nobody, not even the shared document, until the facilitator reveals them. Keyed by board,
 * epoch and participant: a reset board or another person on the same device starts empty.
 */
import { isNoteId, newNoteId, type NoteId } from '../../shared/ids.js';
import { DEFAULT_NOTE_COLOR, isNoteColor, type NoteColor } from '../../shared/palette.js';
import { MAX_NOTE_TEXT, type Point } from '../../shared/schema.js';
import { cleanText, toPoint } from '../../shared/validate.js';

export interface Draft {
  /** Becomes the note's id when posted, so a draft being edited stays the same note. */
  id: NoteId;
  text: string;
  /** Board position (absolute, even inside a category). */
  pos: Point;
  color: NoteColor;
  /** The category it was written in, '' for none. */
  clusterId: string;
  createdAt: number;
}

/** A bound on what one device keeps, far above what a brainstorm produces. */
const MAX_DRAFTS = 500;

export const draftsKey = (board: string, epoch: string, participant: string): string => `charrette:drafts:${board}:${epoch}:${participant}`;

function restore(v: unknown): Draft | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const pos = toPoint(o.pos);
  if (!isNoteId(o.id) || !pos) return null;
  return {
    id: o.id,
    text: cleanText(o.text, MAX_NOTE_TEXT),
    pos,
    color: isNoteColor(o.color) ? o.color : DEFAULT_NOTE_COLOR,
    clusterId: typeof o.clusterId === 'string' ? o.clusterId.slice(0, 64) : '',
    createdAt: typeof o.createdAt === 'number' && Number.isFinite(o.createdAt) ? o.createdAt : 0,
  };
}

export class DraftStore {
  private drafts: Draft[];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly key: string) {
    this.drafts = this.read();
  }

  private read(): Draft[] {
    try {
      const raw: unknown = JSON.parse(localStorage.getItem(this.key) ?? '[]');
      return Array.isArray(raw) ? raw.map(restore).filter((d): d is Draft => d !== null).slice(0, MAX_DRAFTS) : [];
    } catch {
      return [];
    }
  }

  private write(next: Draft[]): void {
    this.drafts = next;
    try {
      if (next.length === 0) localStorage.removeItem(this.key);
      else localStorage.setItem(this.key, JSON.stringify(next));
    } catch {
      // Storage full or disabled: the drafts last for this page only.
    }
    for (const l of this.listeners) l();
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    // Another tab of the same person on the same board: keep both views of the drafts the same.
    const onStorage = (e: StorageEvent) => {
      if (e.key !== this.key) return;
      this.drafts = this.read();
      l();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      this.listeners.delete(l);
      window.removeEventListener('storage', onStorage);
    };
  };

  getSnapshot = (): Draft[] => this.drafts;

  add(pos: Point, clusterId: string): Draft | null {
    if (this.drafts.length >= MAX_DRAFTS) return null;
    const d: Draft = { id: newNoteId(), text: '', pos: toPoint(pos) ?? { x: 0, y: 0 }, color: DEFAULT_NOTE_COLOR, clusterId, createdAt: Date.now() };
    this.write([...this.drafts, d]);
    return d;
  }

  update(id: string, patch: Partial<Pick<Draft, 'text' | 'color'>>): void {
    this.write(this.drafts.map((d) => (d.id === id ? { ...d, ...patch, text: cleanText(patch.text ?? d.text, MAX_NOTE_TEXT) } : d)));
  }

  /** Put a draft elsewhere on the board (`clusterId`: the category it now lies in, or ''). */
  move(id: string, pos: Point, clusterId: string): void {
    const at = toPoint(pos);
    if (!at) return;
    this.write(this.drafts.map((d) => (d.id === id ? { ...d, pos: at, clusterId } : d)));
  }

  remove(ids: ReadonlySet<string>): void {
    this.write(this.drafts.filter((d) => !ids.has(d.id)));
  }
}
