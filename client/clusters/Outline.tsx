import { useEffect, useId, useMemo, useRef } from 'react';
import type { Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { BoardContent } from '../sync/useBoardContent.js';
import { OutlineNote } from './OutlineNote.js';
import { OutlineSection } from './OutlineSection.js';
import type { ClusterActions } from './useClusterActions.js';

interface Props {
  content: BoardContent;
  teams: readonly Team[];
  canWrite: boolean;
  canMove: (author: string) => boolean;
  actions: ClusterActions;
  onMoveTo: (noteId: string) => void;
  announce: (message: string) => void;
}

/**
 * The same board as an outline: the unsorted notes first (what is left to sort), then each
 * category as a heading with its notes as a list, in the categories' order. Built for screen
 * readers (headings to jump between, lists with counts) and phones (one column, big targets),
 * and editable the same way as the board: rename, reorder, "Move to…".
 */
export function Outline({ content, teams, canWrite, canMove, actions, onMoveTo, announce }: Props) {
  const { t, tn } = useI18n();
  const { notes, clusters, groups, counts } = content;
  const unsortedId = useId();
  const teamById = useMemo(() => new Map(teams.map((tm) => [tm.id, tm])), [teams]);
  const unsorted = groups.get('') ?? [];
  // A category moved down is re-inserted in the DOM, which drops focus: put it back on the same button.
  const refocus = useRef<{ id: string; testId: string } | null>(null);

  useEffect(() => {
    const r = refocus.current;
    if (!r) return;
    refocus.current = null;
    const section = document.querySelector(`[data-testid="outline-cluster"][data-cluster-id="${r.id}"]`);
    const button = section?.querySelector<HTMLButtonElement>(`[data-testid="${r.testId}"]:not(:disabled)`)
      ?? section?.querySelector<HTMLButtonElement>('.outline-order button:not(:disabled)');
    if (button && document.activeElement !== button) button.focus();
  }, [clusters]);

  const reorder = (id: string, index: number) => {
    const from = clusters.findIndex((c) => c.id === id);
    refocus.current = { id, testId: index < from ? 'outline-move-up' : 'outline-move-down' };
    actions.reorder(id, index);
    const c = clusters[from];
    announce(t('outline.position', { name: c?.name || t('cluster.untitled'), n: index + 1, total: clusters.length }));
  };

  return (
    <div className="outline" data-testid="outline" role="region" aria-label={t('outline.label')}>
      <p className="outline-summary" data-testid="outline-summary">
        {tn('outline.categoryCount', clusters.length)} · {tn('board.noteCount', notes.length)} · {t('outline.unsortedCount', { count: unsorted.length })}
      </p>
      {notes.length === 0 && <p className="outline-empty">{t('outline.noNotes')}</p>}
      <section className="outline-section outline-unsorted" data-testid="outline-unsorted" aria-labelledby={unsortedId}>
        <div className="outline-head">
          <h2 id={unsortedId} className="outline-heading">{t('outline.unsorted')}</h2>
        </div>
        <div className="outline-meta">
          <span className="outline-count">{tn('board.noteCount', unsorted.length)}</span>
        </div>
        {unsorted.length === 0 ? (
          notes.length > 0 && <p className="outline-empty">{t('outline.unsortedEmpty')}</p>
        ) : (
          <ul className="outline-notes">
            {unsorted.map((n) => (
              <OutlineNote key={n.id} note={n} team={teamById.get(n.team)} canMove={canMove(n.author)} onMoveTo={onMoveTo} />
            ))}
          </ul>
        )}
      </section>
      {clusters.map((c, i) => (
        <OutlineSection
          key={c.id}
          cluster={c}
          index={i}
          total={clusters.length}
          notes={groups.get(c.id) ?? []}
          counts={counts.get(c.id)}
          teams={teams}
          teamById={teamById}
          canWrite={canWrite}
          canMove={canMove}
          actions={actions}
          onMoveTo={onMoveTo}
          onReorder={reorder}
        />
      ))}
    </div>
  );
}
