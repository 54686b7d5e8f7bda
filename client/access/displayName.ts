import type { PresenceState } from '../../shared/schema.js';
import type { I18n } from '../i18n/I18nProvider.js';

/**
 * Facilitator tokens carry no name; they are shown by their role instead. A participant
 * without a name is one on an anonymous board (the server blanks it): "Someone".
 */
export function displayName(user: Pick<PresenceState['user'], 'name' | 'role'>, t: I18n['t']): string {
  if (user.name.trim()) return user.name;
  return user.role === 'facilitator' ? t('role.facilitator') : t('role.anonymous');
}
