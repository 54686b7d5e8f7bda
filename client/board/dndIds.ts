/**
 * Ids in the board's one DndContext. Notes drag under their own id; a category drags by its
 * title bar under `frame:<id>` and receives notes as the drop target `drop:<id>`. Note and
 * category ids share one shape, so the prefixes are what tell them apart.
 */
import type { UniqueIdentifier } from '@dnd-kit/core';

const FRAME = 'frame:';
const DROP = 'drop:';

export const frameDragId = (clusterId: string): string => `${FRAME}${clusterId}`;
export const dropTargetId = (clusterId: string): string => `${DROP}${clusterId}`;

/** The category a frame drag moves, or null when the drag is a note. */
export const clusterOfFrame = (id: UniqueIdentifier): string | null => {
  const s = String(id);
  return s.startsWith(FRAME) ? s.slice(FRAME.length) : null;
};

/** The category a drop target stands for ('' for none). */
export const clusterOfDrop = (id: UniqueIdentifier | null | undefined): string => {
  const s = id === null || id === undefined ? '' : String(id);
  return s.startsWith(DROP) ? s.slice(DROP.length) : '';
};
