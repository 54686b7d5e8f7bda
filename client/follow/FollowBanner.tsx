import { useI18n } from '../i18n/I18nProvider.js';
import { FollowIcon } from '../ui/sessionIcons.js';
import type { Follow } from './useFollow.js';

/** Over the board while the facilitator leads: who is being followed, and the way out (and back). */
export function FollowBanner({ follow }: { follow: Follow }) {
  const { t } = useI18n();
  if (!follow.asked) return null;
  return (
    <div className={follow.following ? 'follow-banner is-following' : 'follow-banner'} data-testid="follow-banner" role="status">
      <FollowIcon />
      <span className="follow-banner-text">{follow.following ? t('follow.following') : t('follow.stepped')}</span>
      {follow.following ? (
        <button type="button" className="btn btn-small" data-testid="follow-stop" onClick={follow.stepOut}>{t('follow.stop')}</button>
      ) : (
        <button type="button" className="btn btn-small btn-primary" data-testid="follow-start" onClick={follow.stepIn}>{t('follow.start')}</button>
      )}
    </div>
  );
}
