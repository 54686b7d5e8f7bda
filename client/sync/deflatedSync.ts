/**
 * The compressed initial sync (MSG_SYNC_DEFLATED): a large board arrives deflated, is inflated
 * with the browser's own DecompressionStream (off the main thread's JavaScript) and applied as
 * the sync step 2 it stands for.
 */
import type { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MSG_SYNC_DEFLATED, PARAM_COMPRESS } from '../../shared/protocol.js';

/** Whether this browser can inflate raw DEFLATE streams (Chrome 103+, Safari 16.4+, Firefox 113+). */
export function canInflate(): boolean {
  try {
    new DecompressionStream('deflate-raw');
    return true;
  } catch {
    return false;
  }
}

/** The socket parameter that asks the server for compressed initial syncs, when supported. */
export const compressParam = (): Record<string, string> => (canInflate() ? { [PARAM_COMPRESS]: '1' } : {});

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Handle MSG_SYNC_DEFLATED on `provider`. Updates that arrive while the state is being inflated
 * wait in the document until what they build on is applied (Yjs keeps them pending).
 */
export function handleDeflatedSync(provider: WebsocketProvider): void {
  provider.messageHandlers[MSG_SYNC_DEFLATED] = (_encoder, decoder, p) => {
    const socket = p.ws;
    const compressed = decoding.readVarUint8Array(decoder).slice();
    inflate(compressed).then(
      (state) => {
        Y.applyUpdate(p.doc, state, p);
        // "synced" belongs to the socket that asked; a newer one will sync on its own.
        if (p.ws === socket && p.wsconnected) p.synced = true;
      },
      (err: unknown) => {
        console.warn('[charrette] could not inflate the board state; reconnecting', err);
        // Without the state this socket is useless: reconnecting asks again.
        if (p.ws === socket) socket?.close();
      },
    );
  };
}
