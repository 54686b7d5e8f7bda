import { useId, useState } from 'react';
import { NOTE_COLOR_NAMES, NOTE_COLORS } from '../../shared/palette.js';
import type { Cluster } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Dialog } from '../ui/Dialog.js';
import type { ClusterActions } from './useClusterActions.js';

interface Props {
  cluster: Cluster;
  /** Live categories, for "Merge into…". */
  clusters: readonly Cluster[];
  canWrite: boolean;
  /** Merge and delete: the facilitator's (the rules' category.remove). */
  canRemove: boolean;
  actions: ClusterActions;
  onClose: () => void;
}

/**
 * What a category's "…" button opens: its color (each swatch named, never color alone) and,
 * for the facilitator, merging it into another category or deleting it. Deleting returns its
 * notes to Unsorted where they are, so nothing is lost; Undo brings the category back.
 */
export function ClusterOptions({ cluster, clusters, canWrite, canRemove, actions, onClose }: Props) {
  const { t } = useI18n();
  const name = cluster.name || t('cluster.untitled');
  const others = clusters.filter((c) => c.id !== cluster.id);
  const [target, setTarget] = useState(others[0]?.id ?? '');
  const [confirming, setConfirming] = useState(false);
  const mergeId = useId();

  return (
    <Dialog title={t('cluster.optionsTitle', { name })} onClose={onClose} testId="cluster-options-dialog" className="cluster-dialog">
      {canWrite && (
        <fieldset className="cluster-colors">
          <legend className="share-heading">{t('cluster.color')}</legend>
          {NOTE_COLOR_NAMES.map((color) => (
            <button
              key={color}
              type="button"
              className="color-choice"
              data-testid={`cluster-color-${color}`}
              aria-pressed={cluster.color === color}
              onClick={() => actions.recolor(cluster.id, color)}
            >
              <span className="color-choice-swatch" style={{ backgroundColor: NOTE_COLORS[color] }} aria-hidden="true" />
              {t(`color.${color}`)}
            </button>
          ))}
        </fieldset>
      )}
      {canRemove ? (
        <>
          <h3 className="share-heading">{t('cluster.mergeHeading')}</h3>
          {others.length === 0 ? (
            <p className="dialog-hint">{t('cluster.mergeNone')}</p>
          ) : (
            <div className="cluster-merge">
              <p className="dialog-hint">{t('cluster.mergeHint')}</p>
              <label htmlFor={mergeId}>{t('cluster.mergeTarget')}</label>
              <div className="cluster-merge-row">
                <select id={mergeId} data-testid="merge-target" value={target} onChange={(e) => setTarget(e.target.value)}>
                  {others.map((c) => (
                    <option key={c.id} value={c.id}>{c.name || t('cluster.untitled')}</option>
                  ))}
                </select>
                <button
                  type="button"
                  className="btn"
                  data-testid="merge-submit"
                  disabled={!target}
                  onClick={() => {
                    actions.merge(cluster.id, target);
                    onClose();
                  }}
                >
                  {t('cluster.mergeSubmit')}
                </button>
              </div>
            </div>
          )}
          <h3 className="share-heading">{t('cluster.deleteHeading')}</h3>
          <p className="dialog-hint">{t('cluster.deleteHint')}</p>
          {confirming ? (
            <div className="cluster-confirm" role="alert">
              <p>{t('cluster.confirmDelete', { name })}</p>
              <button
                type="button"
                className="btn btn-danger"
                data-testid="cluster-delete-confirm"
                onClick={() => {
                  actions.remove(cluster.id);
                  onClose();
                }}
              >
                {t('cluster.delete')}
              </button>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>{t('cluster.keep')}</button>
            </div>
          ) : (
            <button type="button" className="btn" data-testid="cluster-delete" onClick={() => setConfirming(true)}>
              {t('cluster.delete')}
            </button>
          )}
        </>
      ) : (
        <p className="dialog-hint">{t('cluster.facilitatorOnly')}</p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>{t('cluster.done')}</button>
      </div>
    </Dialog>
  );
}
