import { memo, useMemo } from 'react';
import type { PresenceState } from '../../shared/schema.js';
import { displayName } from '../access/displayName.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Avatar } from '../ui/Avatar.js';
import type { Peer } from '../sync/usePresence.js';

/** Avatars shown before the rest collapse into "+N"; a projector header has room for about this many. */
const MAX_AVATARS = 5;

interface Props {
  me: PresenceState['user'];
  peers: readonly Peer[];
}

/**
 * Who else is here: one entry per person, however many tabs they have open. Your own avatar is
 * not repeated (the name button beside the list shows it); the count includes you.
 */
export const PresenceList = memo(function PresenceList({ me, peers }: Props) {
  const { t, tn } = useI18n();
  const others = useMemo(() => {
    const seen = new Set<string>([me.id]);
    const out: Array<{ id: string; name: string; color: string }> = [];
    for (const p of peers) {
      if (seen.has(p.user.id)) continue;
      seen.add(p.user.id);
      out.push({ id: p.user.id, name: displayName(p.user, t), color: p.user.color });
    }
    return out;
  }, [me.id, peers, t]);

  const shown = others.slice(0, MAX_AVATARS);
  const hidden = others.length - shown.length;
  return (
    <div className="presence">
      {others.length > 0 && (
        <ul className="presence-list" data-testid="presence-list" aria-label={t('presence.label')}>
          {shown.map((p) => (
            <li key={p.id} className="presence-item" data-testid="presence-user" title={p.name}>
              <Avatar name={p.name} color={p.color} />
              <span className="visually-hidden">{p.name}</span>
            </li>
          ))}
          {hidden > 0 && (
            <li className="presence-item presence-more" title={t('presence.more', { count: hidden })}>
              <span className="avatar avatar-md avatar-more" aria-hidden="true">+{hidden}</span>
              <span className="visually-hidden">{t('presence.more', { count: hidden })}</span>
            </li>
          )}
        </ul>
      )}
      <span className="presence-count" data-testid="presence-count">{tn('presence.count', others.length + 1)}</span>
    </div>
  );
});
