/**
 * One open board: the Y.Doc, its offline copy, its connection and the local undo history,
 * created and destroyed together. Plain objects, no React, so the wiring can be read in one
 * place and driven from a test.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { BoardId } from '../../shared/ids.js';
import { LOCAL_ORIGIN } from '../../shared/origins.js';
import { MSG_SAVED, PARAM_EPOCH, PARAM_TOKEN, PARAM_VERSION, PROTOCOL_VERSION, readSaved } from '../../shared/protocol.js';
import { getClusters, getNotes } from '../../shared/schema.js';
import { compressParam, handleDeflatedSync } from './deflatedSync.js';
import { createBoardSocketClass, RECONNECT_MAX_BACKOFF_MS, type BoardSocket } from './boardSocket.js';
import { offlineDbName } from './offlineCopy.js';
import { OfflineStore } from './offlineStore.js';
import { SaveTracker } from './saveTracker.js';

/**
 * Connect only after the offline copy is loaded, so the first sync step already carries the
 * offline edits; but never wait long for a browser whose IndexedDB hangs (seen in private modes).
 */
const OFFLINE_COPY_LOAD_TIMEOUT_MS = 1_500;

export interface BoardSession {
  boardId: BoardId;
  epoch: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  offlineCopy: OfflineStore;
  undo: Y.UndoManager;
  save: SaveTracker;
  /** Reconnect with a renewed token (e.g. after a rename); the document stays open. */
  setToken: (token: string) => void;
  destroy: () => void;
}

export const wsBase = (): string => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

/** The query parameters of a board socket (the board page's and the projector's). */
export const socketParams = (epoch: string, token: string): Record<string, string> =>
  ({ [PARAM_VERSION]: String(PROTOCOL_VERSION), [PARAM_EPOCH]: epoch, [PARAM_TOKEN]: token, ...compressParam() });

export interface SessionOptions {
  /**
   * Wait for the offline copy before connecting, so the first sync step carries its edits. A
   * device with no copy of this board (a first visit) connects at once: there is nothing to wait
   * for, and a first open of a big board is then not held up by the browser creating a database.
   */
  offlineCopyFirst?: boolean;
}

export function openBoardSession(boardId: BoardId, epoch: string, token: string, opts: SessionOptions = {}): BoardSession {
  const doc = new Y.Doc();
  let save: SaveTracker | null = null;
  const Socket = createBoardSocketClass({ onChange: () => save?.refresh() });
  const provider = new WebsocketProvider(wsBase(), boardId, doc, {
    connect: false,
    params: socketParams(epoch, token),
    disableBc: true,
    WebSocketPolyfill: Socket,
    maxBackoffTime: RECONNECT_MAX_BACKOFF_MS,
  });
  const offlineCopy = new OfflineStore(offlineDbName(boardId, epoch), doc, (origin) => origin === provider);
  provider.messageHandlers[MSG_SAVED] = (_encoder, decoder, p) => {
    // Acknowledgements count messages per socket: only the socket they arrived on may take them.
    const count = readSaved(decoder);
    (p.ws as BoardSocket | null)?.acknowledge(count);
  };
  handleDeflatedSync(provider);
  save = new SaveTracker(doc, provider, offlineCopy);

  // Categories too: accepting a suggestion (categories created, notes sorted into them) is one step to undo.
  const undo = new Y.UndoManager([getNotes(doc), getClusters(doc)], { trackedOrigins: new Set([LOCAL_ORIGIN]) });

  let destroyed = false;
  if (opts.offlineCopyFirst === false) {
    provider.connect();
  } else {
    const timeout = new Promise((resolve) => setTimeout(resolve, OFFLINE_COPY_LOAD_TIMEOUT_MS));
    void Promise.race([offlineCopy.whenSynced, timeout]).then(() => {
      if (!destroyed) provider.connect();
    });
  }

  // The server forgets our presence when a socket closes but keeps its clock, and awareness
  // ignores a state whose clock it has already seen: without a bump, a reconnected client stays
  // invisible to everyone until its 15 s renewal. 'connected' fires just before the provider
  // sends our state, so the bumped state is the one that goes out.
  const republish = ({ status }: { status: string }) => {
    const state = provider.awareness.getLocalState();
    if (status === 'connected' && state !== null) provider.awareness.setLocalState({ ...state });
  };
  provider.on('status', republish);

  // Leave presence at once rather than after the 30 s awareness timeout.
  const leave = () => provider.awareness.setLocalState(null);
  window.addEventListener('pagehide', leave);

  // When the browser knows the network is gone (Wi-Fi dropped), stop the socket at once: edits
  // stay in the offline copy, the status says so, and nothing retries into a dead network.
  // When it returns, reconnect; the sync step carries what was written meanwhile.
  const goOffline = () => provider.disconnect();
  const goOnline = () => {
    if (!destroyed) provider.connect();
  };
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);

  return {
    boardId,
    epoch,
    doc,
    provider,
    offlineCopy,
    undo,
    save,
    setToken: (next) => {
      if (provider.params[PARAM_TOKEN] === next) return;
      provider.params = { ...provider.params, [PARAM_TOKEN]: next };
      if (!provider.shouldConnect) return;
      provider.disconnect();
      provider.connect();
    },
    destroy: () => {
      destroyed = true;
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      save?.destroy();
      undo.destroy();
      provider.destroy();
      void offlineCopy.destroy();
      doc.destroy();
    },
  };
}
