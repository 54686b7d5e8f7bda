import { useDraggable, useDroppable } from '@dnd-kit/core';
import { memo, useState, type CSSProperties } from 'react';
import type { ClusterCounts } from '../../shared/clusters.js';
import { NOTE_COLORS, NOTE_TEXT_COLOR } from '../../shared/palette.js';
import { MAX_CLUSTER_DESCRIPTION, MAX_CLUSTER_NAME, type Cluster, type Size, type Team } from '../../shared/schema.js';
import { dropTargetId, frameDragId } from '../board/dndIds.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { GripIcon, MoreIcon } from '../ui/icons.js';
import { InlineEdit } from './InlineEdit.js';
import { ResizeHandle } from './ResizeHandle.js';
import { TeamCounts } from './TeamCounts.js';
import type { ClusterActions } from './useClusterActions.js';

interface Props {
  cluster: Cluster;
  counts: ClusterCounts | undefined;
  teams: readonly Team[];
  zoom: number;
  /** Rename, describe, recolor, move, resize (the rules' category.write). */
  canWrite: boolean;
  /** Offer the options panel (color for writers; merge and delete for the facilitator). */
  hasOptions: boolean;
  /** Start with the name field open: this category was just made here. */
  autoEdit: boolean;
  actions: ClusterActions;
  onOptions: (id: string) => void;
  /** Id of the hidden element explaining how to move a category by keyboard. */
  instructionsId: string;
}

/**
 * A category on the canvas: a labeled frame behind the notes sorted into it. It is dragged by
 * its title bar (the grip is the keyboard handle), receives dropped notes, and resizes from its
 * corner. Its notes are drawn by the canvas, not inside the frame, so a note keeps its element
 * (and its focus) while it moves between categories.
 */
export const ClusterFrame = memo(function ClusterFrame(p: Props) {
  const { cluster: c, actions } = p;
  const { t, tn } = useI18n();
  const [preview, setPreview] = useState<Size | null>(null);
  const name = c.name || t('cluster.untitled');
  const drag = useDraggable({
    id: frameDragId(c.id),
    disabled: !p.canWrite,
    attributes: { roleDescription: t('cluster.handleRole') },
  });
  const drop = useDroppable({ id: dropTargetId(c.id) });
  // aria-disabled and the default description would land on the grip, which only writers see anyway.
  const { 'aria-disabled': _disabled, 'aria-describedby': _described, ...gripAttributes } = drag.attributes;
  const size = preview ?? c.size;
  const colorName = t(`color.${c.color}`);
  const total = p.counts?.total ?? 0;

  const style: CSSProperties & Record<'--cluster-color', string> = {
    left: c.pos.x,
    top: c.pos.y,
    width: size.w,
    height: size.h,
    color: NOTE_TEXT_COLOR,
    '--cluster-color': NOTE_COLORS[c.color],
    transform: drag.transform ? `translate3d(${drag.transform.x / p.zoom}px, ${drag.transform.y / p.zoom}px, 0)` : undefined,
  };
  const classes = ['cluster', drag.isDragging && 'is-dragging', drop.isOver && 'is-drop-target'].filter(Boolean).join(' ');

  return (
    <section
      ref={(el) => {
        drag.setNodeRef(el);
        drop.setNodeRef(el);
      }}
      className={classes}
      style={style}
      data-testid="cluster"
      data-cluster-id={c.id}
      data-color={c.color}
      data-pan-surface=""
      aria-label={t('cluster.label', { name })}
    >
      <header className="cluster-header" {...(p.canWrite ? drag.listeners : {})}>
        <div className="cluster-title-row">
          {p.canWrite && (
            <span
              ref={drag.setActivatorNodeRef}
              className="cluster-grip"
              data-testid="cluster-grip"
              {...gripAttributes}
              aria-label={t('cluster.moveHandle', { name })}
              aria-describedby={p.instructionsId}
            >
              <GripIcon />
            </span>
          )}
          <InlineEdit
            as="h3"
            className="cluster-name"
            testId="cluster-name"
            value={c.name}
            placeholder={t('cluster.untitled')}
            label={t('cluster.nameLabel')}
            editLabel={t('cluster.rename', { name })}
            canEdit={p.canWrite}
            autoEdit={p.autoEdit}
            maxLength={MAX_CLUSTER_NAME}
            onSave={(v) => actions.rename(c.id, v)}
          />
          <span className="cluster-count" data-testid="cluster-count">{tn('board.noteCount', total)}</span>
          {p.hasOptions && (
            <button
              type="button"
              className="cluster-options"
              data-testid="cluster-options"
              aria-label={t('cluster.options', { name })}
              title={t('cluster.options', { name })}
              onClick={() => p.onOptions(c.id)}
            >
              <MoreIcon />
            </button>
          )}
        </div>
        <div className="cluster-sub-row">
          <InlineEdit
            className="cluster-description"
            testId="cluster-description"
            value={c.description}
            placeholder={p.canWrite ? t('cluster.describe') : ''}
            label={t('cluster.descriptionLabel')}
            editLabel={t('cluster.editDescription', { name })}
            canEdit={p.canWrite}
            multiline
            maxLength={MAX_CLUSTER_DESCRIPTION}
            onSave={(v) => actions.describe(c.id, v)}
          />
          <TeamCounts counts={p.counts} teams={p.teams} className="cluster-team-counts" />
          <span className="cluster-color-name" data-testid="cluster-color">{colorName}</span>
        </div>
      </header>
      {p.canWrite && (
        <ResizeHandle
          size={c.size}
          zoom={p.zoom}
          label={t('cluster.resize', { name })}
          onPreview={setPreview}
          onResize={(s) => actions.resize(c.id, s)}
        />
      )}
    </section>
  );
});
