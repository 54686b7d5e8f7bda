import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import type { I18n } from '../i18n/I18nProvider.js';
import { clusterOfDrop, clusterOfFrame } from './dndIds.js';

export interface DndNames {
  /** A note's spoken name: its text, as when focused. */
  note: (id: string) => string;
  /** A category's spoken name. */
  cluster: (id: string) => string;
  /** The category a note is in before the drop, '' when unsorted. */
  clusterOf: (noteId: string) => string;
}

/**
 * Screen-reader messages for moving notes and categories, in the UI language. Notes are named
 * by their text, categories by their name; while a note moves, the category under it is
 * announced each time it changes, so a keyboard user knows where Space will drop it.
 */
export function boardAnnouncements(t: I18n['t'], names: DndNames): Announcements {
  const category = (clusterId: string) => ({ category: names.cluster(clusterId) });
  return {
    onDragStart: ({ active }) => {
      const frame = clusterOfFrame(active.id);
      return frame ? t('dnd.clusterPickedUp', category(frame)) : t('dnd.pickedUp', { note: names.note(String(active.id)) });
    },
    onDragOver: ({ active, over }) => {
      if (clusterOfFrame(active.id)) return undefined;
      const note = names.note(String(active.id));
      const into = clusterOfDrop(over?.id);
      return into ? t('dnd.over', { note, ...category(into) }) : t('dnd.overUnsorted', { note });
    },
    onDragEnd: ({ active, over }) => {
      const frame = clusterOfFrame(active.id);
      if (frame) return t('dnd.clusterDropped', category(frame));
      const id = String(active.id);
      const note = names.note(id);
      const into = clusterOfDrop(over?.id);
      if (into) return t('dnd.droppedInto', { note, ...category(into) });
      return names.clusterOf(id) ? t('dnd.droppedOut', { note }) : t('dnd.dropped', { note });
    },
    onDragCancel: ({ active }) => {
      const frame = clusterOfFrame(active.id);
      return frame ? t('dnd.clusterCancelled', category(frame)) : t('dnd.cancelled', { note: names.note(String(active.id)) });
    },
  };
}

/**
 * DndContext's own instructions element, which nothing points at: every movable note and every
 * category grip points its aria-describedby at the board's own hidden instructions (see
 * Canvas), so the same text is not in the page twice.
 */
export const NO_CONTEXT_INSTRUCTIONS: ScreenReaderInstructions = Object.freeze({ draggable: '' });
