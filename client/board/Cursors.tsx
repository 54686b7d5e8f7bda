import { memo } from 'react';
import { displayName } from '../access/displayName.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Peer } from '../sync/usePresence.js';
import { toScreen, type Viewport } from './viewport.js';

interface Props {
  peers: readonly Peer[];
  viewport: Viewport;
}

/**
 * Other people's pointers, drawn in screen space so they stay the same size at any zoom.
 * Hidden from assistive technology: the presence list already says who is here, and a
 * stream of pointer positions would only be noise.
 */
export const Cursors = memo(function Cursors({ peers, viewport }: Props) {
  const { t } = useI18n();
  return (
    <div className="cursor-layer" aria-hidden="true">
      {peers.map((peer) => {
        if (!peer.cursor) return null;
        const p = toScreen(viewport, peer.cursor);
        return (
          <div
            key={peer.clientId}
            className="cursor"
            data-testid="remote-cursor"
            style={{ transform: `translate(${p.x}px, ${p.y}px)`, color: peer.user.color }}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" className="cursor-arrow">
              <path d="M2 1.5 16 8.2l-6.1 1.7L7 16z" fill="currentColor" stroke="#fff" strokeWidth="1.5" strokeLinejoin="round" />
            </svg>
            <span className="cursor-label" style={{ backgroundColor: peer.user.color }}>
              {displayName(peer.user, t)}
            </span>
          </div>
        );
      })}
    </div>
  );
});
