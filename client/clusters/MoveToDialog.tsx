import type { ClusterCounts } from '../../shared/clusters.js';
import type { Cluster, Note } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Dialog } from '../ui/Dialog.js';

interface Props {
  note: Note;
  /** Live categories in outline order. */
  clusters: readonly Cluster[];
  counts: ReadonlyMap<string, ClusterCounts>;
  /** '' moves the note out, to Unsorted. */
  onPick: (clusterId: string) => void;
  onClose: () => void;
}

/**
 * "Move to…": sorting without dragging, for a keyboard, a switch, a screen reader or a thumb.
 * One tap on a category moves the note there (into its next free place) and closes the list.
 * A modal dialog rather than a popover in the zoomed board, so it is full size on a phone and
 * the browser handles focus and Escape.
 */
export function MoveToDialog({ note, clusters, counts, onPick, onClose }: Props) {
  const { t, tn } = useI18n();
  const current = clusters.some((c) => c.id === note.clusterId) ? note.clusterId : '';
  const options = [
    { id: '', name: t('moveTo.unsorted') },
    ...clusters.map((c) => ({ id: c.id, name: c.name || t('cluster.untitled') })),
  ];
  const text = note.text.trim().slice(0, 80) || t('note.empty');

  return (
    <Dialog title={t('moveTo.title')} onClose={onClose} testId="move-to-dialog" className="move-dialog">
      <p className="move-note" data-testid="move-to-note">{text}</p>
      <ul className="move-options">
        {options.map((o) => {
          const here = o.id === current;
          return (
            <li key={o.id || 'unsorted'}>
              <button
                type="button"
                className={here ? 'move-option is-current' : 'move-option'}
                data-testid="move-to-option"
                data-cluster-id={o.id}
                aria-current={here ? 'true' : undefined}
                disabled={here}
                onClick={() => onPick(o.id)}
              >
                <span className="move-option-name">{o.name}</span>
                <span className="move-option-meta">
                  {here ? t('moveTo.current') : tn('board.noteCount', counts.get(o.id)?.total ?? 0)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {clusters.length === 0 && <p className="dialog-hint">{t('moveTo.none')}</p>}
    </Dialog>
  );
}
