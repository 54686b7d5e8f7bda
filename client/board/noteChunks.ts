/**
 * A thousand notes as a thousand siblings cost every frame that changes one of them: the
 * browser lays out all positioned children of their container again (5 ms a frame with 1,000
 * notes, traced), and React walks every child. Grouped under positioned wrappers of fifty, a
 * change lays out one group and React skips the unchanged groups whole (remote-update frames
 * went from 23 to 11 ms of main-thread work).
 *
 * A note keeps its group for as long as it is on the board: moving a note's element to another
 * parent would remount its card (losing the editor's focus, or a drag in progress). A note
 * seen for the first time joins a group that keeps the drawing order (the notes' creation
 * order, the same on every screen): the newest group when it comes last, else the group of the
 * note before it, as for a note from someone who was offline or a deleted note brought back.
 */

import { useRef } from 'react';

/** Notes per group: small enough that a change lays out little, few enough groups to skip cheaply. */
export const CHUNK_SIZE = 50;

/** The id a note is grouped by. */
export const noteId = (note: { id: string }): string => note.id;

export interface Chunk<T> {
  /** Stable for the group's life: use as the React key. */
  key: number;
  items: T[];
}

export class Chunker {
  private readonly chunkOf = new Map<string, number>();
  private readonly sizes = new Map<number, number>();
  private newest = 0;

  constructor(private readonly size = CHUNK_SIZE) {}

  /** `items` in drawing order, grouped: each group lists its items in that order, groups oldest first. */
  group<T>(items: readonly T[], idOf: (item: T) => string): Chunk<T>[] {
    const ids = items.map(idOf);
    if (this.chunkOf.size > 0) this.forgetGone(ids);
    const of = ids.map((id) => this.chunkOf.get(id));
    // Notes seen for the first time get a group that keeps the drawing order: the newest group
    // (or a new one) at the end of the list, else the group of the note before them (or, first
    // in the list, of the note after them). Such a group may grow past the size: moving notes
    // already drawn to another group would remount their cards.
    let next: number | undefined;
    const nextKnown: (number | undefined)[] = new Array<number | undefined>(ids.length);
    for (let i = ids.length - 1; i >= 0; i--) {
      nextKnown[i] = next;
      if (of[i] !== undefined) next = of[i];
    }
    for (let i = 0; i < ids.length; i++) {
      if (of[i] !== undefined) continue;
      const before = i > 0 ? of[i - 1] : undefined;
      const c = nextKnown[i] === undefined ? this.atEnd() : (before ?? nextKnown[i]!);
      of[i] = c;
      this.chunkOf.set(ids[i]!, c);
      this.sizes.set(c, (this.sizes.get(c) ?? 0) + 1);
    }
    const buckets = new Map<number, T[]>();
    items.forEach((item, i) => {
      const c = of[i]!;
      let bucket = buckets.get(c);
      if (!bucket) buckets.set(c, (bucket = []));
      bucket.push(item);
    });
    return [...buckets].sort((a, b) => a[0] - b[0]).map(([key, group]) => ({ key, items: group }));
  }

  /** The group for a note after all others: the newest, or a new one when it is full. */
  private atEnd(): number {
    if ((this.sizes.get(this.newest) ?? 0) >= this.size) this.newest++;
    return this.newest;
  }

  /** Drop the ids no longer listed (a group that empties frees its room). Only walks them all when some are gone. */
  private forgetGone(ids: readonly string[]): void {
    let known = 0;
    for (const id of ids) if (this.chunkOf.has(id)) known++;
    if (known === this.chunkOf.size) return;
    const live = new Set(ids);
    for (const [id, c] of this.chunkOf) {
      if (live.has(id)) continue;
      this.chunkOf.delete(id);
      const left = (this.sizes.get(c) ?? 1) - 1;
      if (left > 0) this.sizes.set(c, left);
      else this.sizes.delete(c);
    }
  }
}

/** One Chunker for a component's life. */
export function useChunker(): Chunker {
  const chunker = useRef<Chunker | null>(null);
  chunker.current ??= new Chunker();
  return chunker.current;
}
