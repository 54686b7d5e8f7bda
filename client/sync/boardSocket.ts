/**
 * The WebSocket the y-websocket provider sees. It wraps a real WebSocket to do two things
 * the provider cannot:
 *
 *  - count the update-carrying messages sent on each socket, so the server's MSG_SAVED
 *    acknowledgements ("the first N are stored") can be matched against them;
 *  - add random jitter to reconnects. The provider backs off exponentially but in lockstep,
 *    so after a server restart every client would come back in the same millisecond.
 *
 * The wrapper implements only what y-websocket uses (handler properties, send, close,
 * readyState, binaryType), not addEventListener.
 */
import { carriesUpdate, MSG_SYNC, SYNC_STEP2 } from '../../shared/protocol.js';

/** Matches the provider's own cap (WebsocketProvider maxBackoffTime) so both grow together. */
export const RECONNECT_MAX_BACKOFF_MS = 2_500;
/** The provider's backoff unit: it waits 2^failures × 100 ms. */
const BACKOFF_UNIT_MS = 100;

export interface SocketActivity {
  /** Called after every counted send and every acknowledgement. */
  onChange: () => void;
}

export interface BoardSocket extends WebSocket {
  /** Update-carrying messages sent on this socket. */
  readonly sentUpdates: number;
  /** How many of those the server reported durably stored. */
  readonly ackedUpdates: number;
  acknowledge(count: number): void;
}

type WebSocketClass = new (url: string | URL, protocols?: string | string[]) => WebSocket;

interface BackoffState {
  /** Consecutive sockets that closed before completing a sync; reset like the provider's counter. */
  failures: number;
}

/** 0 for the first attempt, else uniform in 0..current backoff. */
export function jitterDelayMs(failures: number, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const backoff = Math.min(2 ** failures * BACKOFF_UNIT_MS, RECONNECT_MAX_BACKOFF_MS);
  return Math.floor(random() * backoff);
}

const toBytes = (data: Parameters<WebSocket['send']>[0]): Uint8Array | null => {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return null;
};

/**
 * A WebSocket class for one provider. The backoff counter lives in this closure, so two
 * boards open in one page do not share (or reset) each other's reconnect state.
 */
export function createBoardSocketClass(activity: SocketActivity, RealWebSocket: WebSocketClass = WebSocket) {
  const backoff: BackoffState = { failures: 0 };

  class JitteredSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;

    onopen: ((ev: Event) => void) | null = null;
    onmessage: ((ev: MessageEvent) => void) | null = null;
    onclose: ((ev: CloseEvent) => void) | null = null;
    onerror: ((ev: Event) => void) | null = null;

    sentUpdates = 0;
    ackedUpdates = 0;
    readonly url: string;
    private real: WebSocket | null = null;
    private pendingTimer: ReturnType<typeof setTimeout> | null = null;
    private closedBeforeOpen = false;
    private type: BinaryType = 'blob';
    private synced = false;

    constructor(url: string | URL, protocols?: string | string[]) {
      this.url = String(url);
      const delay = jitterDelayMs(backoff.failures);
      if (delay === 0) this.open(protocols);
      else this.pendingTimer = setTimeout(() => this.open(protocols), delay);
    }

    get readyState(): number {
      if (this.real) return this.real.readyState;
      return this.closedBeforeOpen ? JitteredSocket.CLOSED : JitteredSocket.CONNECTING;
    }

    get binaryType(): BinaryType {
      return this.real?.binaryType ?? this.type;
    }

    set binaryType(t: BinaryType) {
      this.type = t;
      if (this.real) this.real.binaryType = t;
    }

    get bufferedAmount(): number {
      return this.real?.bufferedAmount ?? 0;
    }

    get protocol(): string {
      return this.real?.protocol ?? '';
    }

    send(data: Parameters<WebSocket['send']>[0]): void {
      if (!this.real) throw new DOMException('Socket is not open yet', 'InvalidStateError');
      this.real.send(data);
      const bytes = toBytes(data);
      if (bytes && carriesUpdate(bytes)) {
        this.sentUpdates++;
        activity.onChange();
      }
    }

    acknowledge(count: number): void {
      // A count beyond what we sent would come from a confused server; never report more saved than sent.
      const next = Math.min(count, this.sentUpdates);
      if (next <= this.ackedUpdates) return;
      this.ackedUpdates = next;
      activity.onChange();
    }

    close(code?: number, reason?: string): void {
      if (this.pendingTimer !== null) {
        clearTimeout(this.pendingTimer);
        this.pendingTimer = null;
      }
      if (this.real) {
        this.real.close(code, reason);
        return;
      }
      if (this.closedBeforeOpen) return;
      this.closedBeforeOpen = true;
      // Never opened: report the close the way a real socket would, asynchronously.
      setTimeout(() => this.onclose?.(new CloseEvent('close', { code: 1000, wasClean: true })), 0);
    }

    private open(protocols?: string | string[]): void {
      this.pendingTimer = null;
      const ws = new RealWebSocket(this.url, protocols);
      ws.binaryType = this.type;
      this.real = ws;
      ws.onopen = (ev) => this.onopen?.(ev);
      ws.onerror = (ev) => this.onerror?.(ev);
      ws.onmessage = (ev: MessageEvent) => {
        if (!this.synced && ev.data instanceof ArrayBuffer) {
          const b = new Uint8Array(ev.data, 0, Math.min(2, ev.data.byteLength));
          // The provider counts a connection as successful once the server's sync step 2 arrives.
          if (b[0] === MSG_SYNC && b[1] === SYNC_STEP2) {
            this.synced = true;
            backoff.failures = 0;
          }
        }
        this.onmessage?.(ev);
      };
      ws.onclose = (ev) => {
        if (!this.synced) backoff.failures++;
        else backoff.failures = 1;
        this.onclose?.(ev);
      };
    }
  }

  return JitteredSocket as unknown as typeof WebSocket & (new (url: string | URL, protocols?: string | string[]) => BoardSocket);
}
