/**
 * Whether this device's edits are safely on the server. Pure state derivation plus a small
 * observable that the UI subscribes to with useSyncExternalStore.
 */
import type { IndexeddbPersistence } from 'y-indexeddb';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { BoardSocket } from './boardSocket.js';

export type SaveState = 'saving' | 'saved' | 'offline';

export interface SaveInputs {
  connected: boolean;
  /** The server's sync step 2 arrived on the current socket. */
  synced: boolean;
  sent: number;
  acked: number;
  /** Local edits exist that no socket has had acknowledged yet. */
  dirty: boolean;
}

export function deriveSaveState({ connected, synced, sent, acked, dirty }: SaveInputs): SaveState {
  if (!connected) return dirty ? 'offline' : 'saved';
  if (sent > acked) return 'saving';
  // Reconnected with offline edits: they travel in our sync step 2, which may not be sent yet.
  if (dirty && !(synced && sent > 0)) return 'saving';
  return 'saved';
}

export class SaveTracker {
  private state: SaveState = 'saved';
  private dirty = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
    private readonly offlineCopy: IndexeddbPersistence,
  ) {
    doc.on('update', this.onUpdate);
    provider.on('status', this.refresh);
    provider.on('sync', this.refresh);
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    // Remote updates and the offline copy being read back are not new local work.
    if (origin === this.provider || origin === this.offlineCopy) return;
    this.dirty = true;
    this.refresh();
  };

  readonly refresh = (): void => {
    const ws = this.provider.ws as BoardSocket | null;
    const connected = this.provider.wsconnected && ws !== null;
    const sent = connected ? ws.sentUpdates : 0;
    const acked = connected ? ws.ackedUpdates : 0;
    // Everything sent on a synced socket is stored: whatever was dirty before is now on the server.
    if (connected && this.provider.synced && sent > 0 && acked >= sent) this.dirty = false;
    const next = deriveSaveState({ connected, synced: this.provider.synced, sent, acked, dirty: this.dirty });
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SaveState => this.state;

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.provider.off('status', this.refresh);
    this.provider.off('sync', this.refresh);
    this.listeners.clear();
  }
}
