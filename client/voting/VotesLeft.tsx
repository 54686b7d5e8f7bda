import type { Criterion, VoteMode } from '../../shared/criteria.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CriterionBadge, criterionStyle } from './CriterionBadge.js';

interface Props {
  criteria: readonly Criterion[];
  mode: VoteMode;
  /** Dots left per criterion (dots mode). */
  left: Readonly<Record<string, number>>;
  /** Options rated per criterion (rating mode). */
  rated: Readonly<Record<string, number>>;
  targetCount: number;
}

/**
 * What this voter still has to spend, per criterion, always in sight above the ballot: the
 * criterion's letter and color, the number, and the unspent dots drawn as dots.
 */
export function VotesLeft({ criteria, mode, left, rated, targetCount }: Props) {
  const { t } = useI18n();
  return (
    <ul className="votes-left" aria-label={t('vote.leftLabel')}>
      {criteria.map((c) => {
        const n = left[c.id] ?? 0;
        return (
          <li key={c.id} className="votes-left-item" data-testid="votes-left" data-criterion={c.id} data-left={mode === 'dots' ? n : undefined} style={criterionStyle(c)}>
            <CriterionBadge criterion={c} withName size="sm" />
            {mode === 'dots' ? (
              <>
                <span className="votes-left-text">{t('vote.left', { left: n, budget: c.budget })}</span>
                <span className="votes-left-dots" aria-hidden="true">
                  {Array.from({ length: c.budget }, (_, i) => (
                    <span key={i} className={i < n ? 'vote-dot is-on' : 'vote-dot is-spent'} />
                  ))}
                </span>
              </>
            ) : (
              <span className="votes-left-text">{t('vote.rated', { rated: rated[c.id] ?? 0, total: targetCount })}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
