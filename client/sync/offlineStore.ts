/**
 * The board copy in this browser's IndexedDB (y-indexeddb), with what the server sends stored
 * in batches. y-indexeddb writes every document update in its own IndexedDB transaction: on a
 * busy board (fifty remote changes a second) that was 1.6 ms of main-thread time per change,
 * competing with drawing. Changes made here are stored at once, as before: until the server
 * has them, the copy is their only home. Changes from the server are already safe there, so
 * they are merged and stored together once a second, before any local change, and when the
 * session closes or the page is hidden.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/** How long changes from the server wait to be stored together, ms. */
export const REMOTE_STORE_DELAY_MS = 1_000;

export class OfflineStore extends IndexeddbPersistence {
  private remote: Uint8Array[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly storeNow: (update: Uint8Array, origin: unknown) => void;

  /** `fromServer` tells which updates came from the server (by their transaction origin). */
  constructor(name: string, doc: Y.Doc, private readonly fromServer: (origin: unknown) => boolean, private readonly delayMs = REMOTE_STORE_DELAY_MS) {
    super(name, doc);
    // y-indexeddb registers its handler in its constructor and unregisters this property on destroy.
    this.storeNow = this._storeUpdate;
    doc.off('update', this.storeNow);
    this._storeUpdate = (update, origin) => {
      if (this.fromServer(origin)) {
        this.remote.push(update);
        this.timer ??= setTimeout(this.flushRemote, this.delayMs);
        return;
      }
      // A local change may build on server changes still waiting (an edit of a note that just
      // arrived): store those first, so the copy never holds the edit without what it edits.
      this.flushRemote();
      this.storeNow(update, origin);
    };
    doc.on('update', this._storeUpdate);
    // A tab that is closed or put away (a phone locking) may never get to destroy().
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', this.flushRemote);
      document.addEventListener('visibilitychange', this.flushWhenHidden);
    }
  }

  private readonly flushWhenHidden = (): void => {
    if (document.visibilityState === 'hidden') this.flushRemote();
  };

  /** Store the server's changes received so far, in one transaction. */
  readonly flushRemote = (): void => {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.remote.length === 0) return;
    const merged = this.remote.length === 1 ? this.remote[0]! : Y.mergeUpdates(this.remote);
    this.remote = [];
    this.storeNow(merged, null); // (y-indexeddb skips only updates whose origin is itself)
  };

  override destroy(): Promise<void> {
    this.flushRemote();
    if (typeof window !== 'undefined') {
      window.removeEventListener('pagehide', this.flushRemote);
      document.removeEventListener('visibilitychange', this.flushWhenHidden);
    }
    return super.destroy();
  }
}
