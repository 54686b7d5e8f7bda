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

/** Who is here: one entry per person, however many tabs they have open. */
export const PresenceList = memo(function PresenceList({ me, peers }: Props) {
  const { t, tn } = useI18n();
  const people = useMemo(() => {
    const seen = new Set<string>([me.id]);
    const out = [{ id: me.id, name: displayName(me, t), color: me.color, isMe: true }];
    for (const p of peers) {
      if (seen.has(p.user.id)) continue;
      seen.add(p.user.id);
      out.push({ id: p.user.id, name: displayName(p.user, t), color: p.user.color, isMe: false });
    }
    return out;
  }, [me, peers, t]);

  const shown = people.slice(0, MAX_AVATARS);
  const hidden = people.length - shown.length;
  return (
    <div className="presence">
      <ul className="presence-list" data-testid="presence-list" aria-label={t('presence.label')}>
        {shown.map((p) => {
          const label = p.isMe ? t('presence.you', { name: p.name }) : p.name;
          return (
            <li key={p.id} className={p.isMe ? 'presence-item is-me' : 'presence-item'} data-testid="presence-user" title={label}>
              <Avatar name={p.name} color={p.color} />
              <span className="visually-hidden">{label}</span>
            </li>
          );
        })}
        {hidden > 0 && (
          <li className="presence-item presence-more" title={t('presence.more', { count: hidden })}>
            <span className="avatar avatar-md avatar-more" aria-hidden="true">+{hidden}</span>
            <span className="visually-hidden">{t('presence.more', { count: hidden })}</span>
          </li>
        )}
      </ul>
      <span className="presence-count">{tn('presence.count', people.length)}</span>
    </div>
  );
});
