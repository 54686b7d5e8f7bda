import { MAX_BUDGET, type Criterion } from '../../shared/criteria.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { TrashIcon, ArrowUpIcon, ArrowDownIcon } from '../ui/icons.js';
import { criterionStyle } from './CriterionBadge.js';
import { CRITERION_PALETTE, letterOf, type CriterionDraft } from './criteriaDraft.js';

/** Weights run 0–10 on the server; 0 leaves a criterion out of the overall ranking. */
const MAX_WEIGHT = 10;

interface Props {
  row: CriterionDraft;
  index: number;
  count: number;
  disabled: boolean;
  onChange: (patch: Partial<Criterion>) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/** One criterion being edited: letter, name, description, weight, budget, color, order. */
export function CriterionRow({ row, index, count, disabled, onChange, onMove, onRemove }: Props) {
  const { t } = useI18n();
  const n = index + 1;
  const id = (f: string) => `criterion-${row.key}-${f}`;
  const num = (v: string, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(Number(v) || 0)));
  return (
    <li className="criterion-row" data-testid="criterion-row" data-criterion={row.id} style={criterionStyle(row)}>
      <span className="criterion-row-letter" aria-hidden="true">{letterOf(row) || '?'}</span>
      <div className="criterion-row-main">
        <div className="criterion-row-line">
          <label className="visually-hidden" htmlFor={id('name')}>{t('criteria.nameLabel', { n })}</label>
          <input id={id('name')} className="criterion-input-name" data-testid="criterion-name" value={row.name} maxLength={60} disabled={disabled} placeholder={t('criteria.namePlaceholder')} onChange={(e) => onChange({ name: e.target.value })} />
          <label className="criterion-field">
            <span>{t('criteria.letter')}</span>
            <input className="criterion-input-letter" data-testid="criterion-letter" value={row.letter} maxLength={2} disabled={disabled} placeholder={letterOf(row)} onChange={(e) => onChange({ letter: e.target.value.toUpperCase() })} />
          </label>
          <label className="criterion-field">
            <span>{t('criteria.color')}</span>
            <select data-testid="criterion-color" value={row.color.toUpperCase()} disabled={disabled} onChange={(e) => onChange({ color: e.target.value })}>
              {CRITERION_PALETTE.map((p) => <option key={p.hex} value={p.hex}>{t(p.name)}</option>)}
              {!CRITERION_PALETTE.some((p) => p.hex === row.color.toUpperCase()) && <option value={row.color.toUpperCase()}>{row.color}</option>}
            </select>
          </label>
        </div>
        <label className="visually-hidden" htmlFor={id('desc')}>{t('criteria.descriptionLabel', { n })}</label>
        <textarea id={id('desc')} className="criterion-input-description" data-testid="criterion-description" rows={2} maxLength={300} value={row.description} disabled={disabled} placeholder={t('criteria.descriptionPlaceholder')} onChange={(e) => onChange({ description: e.target.value })} />
        <div className="criterion-row-line">
          <label className="criterion-field">
            <span>{t('criteria.weight')}</span>
            <input type="number" inputMode="numeric" data-testid="criterion-weight" min={0} max={MAX_WEIGHT} value={row.weight} disabled={disabled} onChange={(e) => onChange({ weight: num(e.target.value, 0, MAX_WEIGHT) })} />
          </label>
          <label className="criterion-field">
            <span>{t('criteria.budget')}</span>
            <input type="number" inputMode="numeric" data-testid="criterion-budget" min={1} max={MAX_BUDGET} value={row.budget} disabled={disabled} onChange={(e) => onChange({ budget: num(e.target.value, 1, MAX_BUDGET) })} />
          </label>
          <span className="criterion-row-order">
            <button type="button" className="btn btn-small btn-quiet" data-testid="criterion-up" disabled={disabled || index === 0} aria-label={t('criteria.moveUp', { name: row.name || n })} onClick={() => onMove(index - 1)}>
              <ArrowUpIcon />
            </button>
            <button type="button" className="btn btn-small btn-quiet" data-testid="criterion-down" disabled={disabled || index === count - 1} aria-label={t('criteria.moveDown', { name: row.name || n })} onClick={() => onMove(index + 1)}>
              <ArrowDownIcon />
            </button>
            <button type="button" className="btn btn-small btn-quiet" data-testid="criterion-remove" disabled={disabled || count <= 1} aria-label={t('criteria.remove', { name: row.name || n })} title={t('criteria.remove', { name: row.name || n })} onClick={onRemove}>
              <TrashIcon />
            </button>
          </span>
        </div>
      </div>
    </li>
  );
}
