import { useId, useMemo, useState } from 'react';
import { defaultK, MAX_K, MIN_K, suggestCategories } from '../../shared/suggest.js';
import { MAX_CLUSTER_NAME, type Note } from '../../shared/schema.js';
import { tokenize } from '../../shared/text.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Dialog } from '../ui/Dialog.js';
import type { Proposal } from './useClusterActions.js';

interface Props {
  /** The unsorted notes when the dialog opened. */
  notes: readonly Note[];
  onAccept: (proposals: Proposal[]) => void;
  onClose: () => void;
}

/**
 * The facilitator's suggested grouping of the unsorted notes (shared/suggest.ts: TF-IDF and
 * agglomerative clustering, computed here, no service). A preview: names can be edited, the
 * number of categories changed; nothing touches the board until Accept, which is one undo step.
 * The notes are taken as they were on opening, so the preview does not reshuffle while others post.
 */
export function SuggestDialog({ notes: initial, onAccept, onClose }: Props) {
  const { t, tn } = useI18n();
  const [notes] = useState(initial);
  const inputs = useMemo(() => notes.map((n) => ({ id: n.id, text: n.text })), [notes]);
  // Notes with words to group by (suggestCategories leaves the others over).
  const usable = useMemo(() => inputs.filter((n) => tokenize(n.text).length > 0).length, [inputs]);
  const maxK = Math.max(MIN_K, Math.min(MAX_K, usable));
  const [k, setK] = useState(() => Math.min(maxK, defaultK(usable)));
  const suggestion = useMemo(() => suggestCategories(inputs, k), [inputs, k]);
  // Edited names per k: changing k regroups the notes, so names typed for another grouping do not carry over.
  const [names, setNames] = useState<Record<string, string>>({});
  const kId = useId();
  const byId = useMemo(() => new Map(notes.map((n) => [n.id, n])), [notes]);
  const textOf = (id: string) => byId.get(id)?.text.trim() || t('note.empty');
  const nameAt = (i: number) => names[`${k}:${i}`] ?? suggestion.categories[i]?.name ?? '';
  const enough = usable >= MIN_K;

  const accept = () => {
    onAccept(suggestion.categories.map((c, i) => ({ name: nameAt(i).trim(), noteIds: c.noteIds })));
  };

  return (
    <Dialog title={t('suggest.title')} onClose={onClose} testId="suggest-dialog" className="suggest-dialog">
      <p className="dialog-hint">{tn('suggest.intro', notes.length)}</p>
      {!enough ? (
        <p className="dialog-hint" role="status">{t('suggest.tooFew')}</p>
      ) : (
        <>
          <div className="suggest-k">
            <label htmlFor={kId}>{t('suggest.k')}</label>
            <input
              id={kId}
              type="number"
              data-testid="suggest-k"
              min={MIN_K}
              max={maxK}
              value={k}
              onChange={(e) => {
                const v = Math.round(Number(e.target.value));
                if (Number.isFinite(v)) setK(Math.max(MIN_K, Math.min(maxK, v)));
              }}
            />
          </div>
          <section className="suggest-preview" data-testid="suggest-preview" aria-label={t('suggest.preview')}>
            <ol className="suggest-list">
              {suggestion.categories.map((c, i) => (
                <li key={`${k}:${i}`} className="suggest-category" data-testid="suggest-category">
                  <input
                    className="suggest-name"
                    data-testid="suggest-name"
                    aria-label={t('suggest.nameLabel', { n: i + 1 })}
                    value={nameAt(i)}
                    maxLength={MAX_CLUSTER_NAME}
                    onChange={(e) => setNames((prev) => ({ ...prev, [`${k}:${i}`]: e.target.value }))}
                  />
                  <span className="suggest-count">{tn('board.noteCount', c.noteIds.length)}</span>
                  <ul className="suggest-notes">
                    {c.noteIds.map((id) => (
                      <li key={id}>{textOf(id)}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
            {suggestion.leftover.length > 0 && (
              <div className="suggest-leftover">
                <h3 className="share-heading">{t('suggest.leftover')}</h3>
                <ul className="suggest-notes">
                  {suggestion.leftover.map((id) => (
                    <li key={id}>{textOf(id)}</li>
                  ))}
                </ul>
              </div>
            )}
          </section>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" data-testid="suggest-discard" onClick={onClose}>
          {t('suggest.discard')}
        </button>
        {enough && (
          <button type="button" className="btn btn-primary" data-testid="suggest-accept" onClick={accept}>
            {t('suggest.accept')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
