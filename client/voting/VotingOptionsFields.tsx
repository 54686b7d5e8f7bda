import { MAX_BUDGET, type VoteMode, type VoteTarget } from '../../shared/criteria.js';
import { useI18n } from '../i18n/I18nProvider.js';

export interface VotingOptions {
  target: VoteTarget;
  mode: VoteMode;
  maxPerTarget: number;
}

interface Props {
  value: VotingOptions;
  onChange: (v: VotingOptions) => void;
  disabled: boolean;
}

/** What is voted on, how, and the most dots one voter may put on one option. */
export function VotingOptionsFields({ value, onChange, disabled }: Props) {
  const { t } = useI18n();
  const set = (p: Partial<VotingOptions>) => onChange({ ...value, ...p });
  return (
    <div className="voting-options">
      <fieldset className="voting-option" data-testid="criteria-target" disabled={disabled}>
        <legend>{t('criteria.targetLegend')}</legend>
        {(['categories', 'notes'] as const).map((v) => (
          <label key={v} className="radio">
            <input type="radio" name="vote-target" value={v} checked={value.target === v} onChange={() => set({ target: v })} />
            {t(v === 'categories' ? 'criteria.targetCategories' : 'criteria.targetNotes')}
          </label>
        ))}
      </fieldset>
      <fieldset className="voting-option" data-testid="criteria-mode" disabled={disabled}>
        <legend>{t('criteria.modeLegend')}</legend>
        {(['dots', 'rating'] as const).map((v) => (
          <label key={v} className="radio">
            <input type="radio" name="vote-mode" value={v} checked={value.mode === v} onChange={() => set({ mode: v })} />
            {t(v === 'dots' ? 'criteria.modeDots' : 'criteria.modeRating')}
          </label>
        ))}
      </fieldset>
      {value.mode === 'dots' && (
        <label className="voting-option criterion-field">
          <span>{t('criteria.maxPerTarget')}</span>
          <input
            type="number"
            inputMode="numeric"
            data-testid="criteria-max"
            min={1}
            max={MAX_BUDGET}
            value={value.maxPerTarget}
            disabled={disabled}
            onChange={(e) => set({ maxPerTarget: Math.min(MAX_BUDGET, Math.max(1, Math.round(Number(e.target.value) || 1))) })}
          />
        </label>
      )}
    </div>
  );
}
