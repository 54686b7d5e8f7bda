/**
 * The projector's connection: a document that only ever receives. No offline copy (another
 * tab's unsent edits in it would go out under the projector's token and be refused), no undo,
 * and no presence: the room should not see "Projector" among the people.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { BoardId } from '../../shared/ids.js';
import { MSG_SAVED } from '../../shared/protocol.js';
import { createBoardSocketClass, RECONNECT_MAX_BACKOFF_MS } from './boardSocket.js';
import { handleDeflatedSync } from './deflatedSync.js';
import { socketParams, wsBase } from './session.js';

export interface ProjectorSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy: () => void;
}

export function openProjectorSession(boardId: BoardId, epoch: string, token: string): ProjectorSession {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase(), boardId, doc, {
    connect: false,
    params: socketParams(epoch, token),
    disableBc: true,
    // The jittered socket, so a room of projectors does not reconnect in lockstep after a restart.
    WebSocketPolyfill: createBoardSocketClass({ onChange: () => undefined }),
    maxBackoffTime: RECONNECT_MAX_BACKOFF_MS,
  });
  // The server acknowledges our (empty) sync step 2 like any write; there is nothing to track.
  provider.messageHandlers[MSG_SAVED] = () => undefined;
  handleDeflatedSync(provider);
  // Before the first connect: the provider sends the local awareness state on open unless it is null.
  provider.awareness.setLocalState(null);
  provider.connect();
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}
