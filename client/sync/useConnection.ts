import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

export type ConnectionStatus = 'connected' | 'connecting' | 'disconnected';

export interface Connection {
  status: ConnectionStatus;
  /** True once this page has been connected at least once (so "connecting" reads "reconnecting"). */
  wasConnected: boolean;
}

/**
 * After this many failed attempts in a row we call it "offline" rather than "reconnecting":
 * the provider itself never leaves "connecting" while it retries, which would hide a dead network.
 */
const OFFLINE_AFTER_FAILED_ATTEMPTS = 3;

function currentStatus(provider: WebsocketProvider): ConnectionStatus {
  if (provider.wsconnected) return 'connected';
  // Not trying at all (closed for good by the server, or disconnected on purpose) is offline, not "connecting".
  if (!provider.shouldConnect || !navigator.onLine) return 'disconnected';
  return provider.wsUnsuccessfulReconnects >= OFFLINE_AFTER_FAILED_ATTEMPTS ? 'disconnected' : 'connecting';
}

export function useConnection(provider: WebsocketProvider): Connection {
  const [conn, setConn] = useState<Connection>(() => ({ status: currentStatus(provider), wasConnected: false }));

  useEffect(() => {
    const update = () =>
      setConn((prev) => {
        const status = currentStatus(provider);
        const wasConnected = prev.wasConnected || status === 'connected';
        return prev.status === status && prev.wasConnected === wasConnected ? prev : { status, wasConnected };
      });
    provider.on('status', update);
    provider.on('connection-close', update);
    provider.on('connection-error', update);
    provider.on('closed', update);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    update();
    return () => {
      provider.off('status', update);
      provider.off('connection-close', update);
      provider.off('connection-error', update);
      provider.off('closed', update);
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, [provider]);

  return conn;
}
