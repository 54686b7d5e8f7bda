import { useId } from 'react';
import type { ClusterCounts } from '../../shared/clusters.js';
import { NOTE_COLORS } from '../../shared/palette.js';
import { MAX_CLUSTER_DESCRIPTION, MAX_CLUSTER_NAME, type Cluster, type Note, type Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ArrowDownIcon, ArrowUpIcon } from '../ui/icons.js';
import { InlineEdit } from './InlineEdit.js';
import { OutlineNote } from './OutlineNote.js';
import { TeamCounts } from './TeamCounts.js';
import type { ClusterActions } from './useClusterActions.js';

interface Props {
  cluster: Cluster;
  index: number;
  total: number;
  notes: readonly Note[];
  counts: ClusterCounts | undefined;
  teams: readonly Team[];
  teamById: ReadonlyMap<string, Team>;
  canWrite: boolean;
  canMove: (author: string) => boolean;
  actions: ClusterActions;
  onMoveTo: (noteId: string) => void;
  onReorder: (id: string, index: number) => void;
}

/** One category in the outline: a heading (renamed in place), its counts, its description, its notes. */
export function OutlineSection(p: Props) {
  const { t, tn } = useI18n();
  const headingId = useId();
  const c = p.cluster;
  const name = c.name || t('cluster.untitled');
  return (
    <section className="outline-section" data-testid="outline-cluster" data-cluster-id={c.id} aria-labelledby={headingId}>
      <div className="outline-head">
        <span className="outline-swatch" style={{ backgroundColor: NOTE_COLORS[c.color] }} aria-hidden="true" />
        <InlineEdit
          as="h2"
          id={headingId}
          className="outline-heading"
          testId="outline-cluster-name"
          value={c.name}
          placeholder={t('cluster.untitled')}
          label={t('cluster.nameLabel')}
          editLabel={t('cluster.rename', { name })}
          canEdit={p.canWrite}
          maxLength={MAX_CLUSTER_NAME}
          onSave={(v) => p.actions.rename(c.id, v)}
        />
        {p.canWrite && (
          <div className="outline-order">
            <button
              type="button"
              className="btn btn-small btn-quiet"
              data-testid="outline-move-up"
              aria-label={t('outline.moveUp', { name })}
              title={t('outline.moveUp', { name })}
              disabled={p.index === 0}
              onClick={() => p.onReorder(c.id, p.index - 1)}
            >
              <ArrowUpIcon />
            </button>
            <button
              type="button"
              className="btn btn-small btn-quiet"
              data-testid="outline-move-down"
              aria-label={t('outline.moveDown', { name })}
              title={t('outline.moveDown', { name })}
              disabled={p.index === p.total - 1}
              onClick={() => p.onReorder(c.id, p.index + 1)}
            >
              <ArrowDownIcon />
            </button>
          </div>
        )}
      </div>
      <div className="outline-meta">
        <span className="outline-count" data-testid="outline-count">{tn('board.noteCount', p.counts?.total ?? 0)}</span>
        <span className="outline-color">{t('cluster.colorName', { color: t(`color.${c.color}`) })}</span>
        <TeamCounts counts={p.counts} teams={p.teams} />
      </div>
      {(c.description || p.canWrite) && (
        <InlineEdit
          as="p"
          className="outline-description"
          value={c.description}
          placeholder={t('cluster.describe')}
          label={t('cluster.descriptionLabel')}
          editLabel={t('cluster.editDescription', { name })}
          canEdit={p.canWrite}
          multiline
          maxLength={MAX_CLUSTER_DESCRIPTION}
          onSave={(v) => p.actions.describe(c.id, v)}
        />
      )}
      {p.notes.length === 0 ? (
        <p className="outline-empty">{t('outline.empty')}</p>
      ) : (
        <ul className="outline-notes">
          {p.notes.map((n) => (
            <OutlineNote key={n.id} note={n} team={p.teamById.get(n.team)} canMove={p.canMove(n.author)} onMoveTo={p.onMoveTo} />
          ))}
        </ul>
      )}
    </section>
  );
}
