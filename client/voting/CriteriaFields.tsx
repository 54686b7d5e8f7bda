import type { Criterion } from '../../shared/criteria.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PlusIcon } from '../ui/icons.js';
import { canAddCriterion, newCriterion, type CriterionDraft } from './criteriaDraft.js';
import { CriterionRow } from './CriterionRow.js';

interface Props {
  rows: CriterionDraft[];
  onChange: (rows: CriterionDraft[]) => void;
  disabled: boolean;
}

/** The criteria as an editable list: used by the criteria dialog and the Frame setup screen alike. */
export function CriteriaFields({ rows, onChange, disabled }: Props) {
  const { t } = useI18n();
  const patch = (key: string, p: Partial<Criterion>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...p } : r)));
  const move = (from: number, to: number) => {
    const next = [...rows];
    const [r] = next.splice(from, 1);
    if (r) next.splice(to, 0, r);
    onChange(next);
  };
  return (
    <div className="criteria-fields">
      <ol className="criteria-rows">
        {rows.map((r, i) => (
          <CriterionRow
            key={r.key}
            row={r}
            index={i}
            count={rows.length}
            disabled={disabled}
            onChange={(p) => patch(r.key, p)}
            onMove={(to) => move(i, to)}
            onRemove={() => onChange(rows.filter((x) => x.key !== r.key))}
          />
        ))}
      </ol>
      <button type="button" className="btn btn-small" data-testid="criterion-add" disabled={disabled || !canAddCriterion(rows)} onClick={() => onChange([...rows, newCriterion(rows)])}>
        <PlusIcon />
        {t('criteria.add')}
      </button>
    </div>
  );
}
