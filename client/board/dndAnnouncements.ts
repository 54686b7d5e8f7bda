import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import type { I18n } from '../i18n/I18nProvider.js';

/**
 * Screen-reader messages for moving notes. Notes are named by their text, the same name
 * they have when focused; there are no drop targets, so "over" is never announced.
 */
export function noteAnnouncements(t: I18n['t'], describe: (id: string) => string): Announcements {
  return {
    onDragStart: ({ active }) => t('dnd.pickedUp', { note: describe(String(active.id)) }),
    onDragOver: () => undefined,
    onDragEnd: ({ active }) => t('dnd.dropped', { note: describe(String(active.id)) }),
    onDragCancel: ({ active }) => t('dnd.cancelled', { note: describe(String(active.id)) }),
  };
}

export const noteInstructions = (t: I18n['t']): ScreenReaderInstructions => ({ draggable: t('dnd.instructions') });
