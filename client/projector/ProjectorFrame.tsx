import { memo, type CSSProperties } from 'react';
import type { ClusterCounts } from '../../shared/clusters.js';
import { NOTE_COLORS, NOTE_TEXT_COLOR } from '../../shared/palette.js';
import type { Cluster, Team } from '../../shared/schema.js';
import { TeamCounts } from '../clusters/TeamCounts.js';
import { useI18n } from '../i18n/I18nProvider.js';

interface Props {
  cluster: Cluster;
  counts: ClusterCounts | undefined;
  teams: readonly Team[];
}

/** A category for the room: its name large, its note count, notes per team, its color by name. Read-only. */
export const ProjectorFrame = memo(function ProjectorFrame({ cluster: c, counts, teams }: Props) {
  const { t, tn } = useI18n();
  return (
    <section
      className="cluster projector-cluster"
      data-testid="cluster"
      data-cluster-id={c.id}
      data-color={c.color}
      style={{ left: c.pos.x, top: c.pos.y, width: c.size.w, height: c.size.h, color: NOTE_TEXT_COLOR, '--cluster-color': NOTE_COLORS[c.color] } as CSSProperties}
    >
      <header className="cluster-header">
        <div className="cluster-title-row">
          <h2 className="cluster-name" data-testid="cluster-name">{c.name || t('cluster.untitled')}</h2>
          <span className="cluster-count" data-testid="cluster-count">{tn('board.noteCount', counts?.total ?? 0)}</span>
        </div>
        <div className="cluster-sub-row">
          <TeamCounts counts={counts} teams={teams} className="cluster-team-counts" />
          <span className="cluster-color-name">{t(`color.${c.color}`)}</span>
        </div>
      </header>
    </section>
  );
});
