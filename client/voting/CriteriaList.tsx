import type { Criterion } from '../../shared/criteria.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { criterionStyle, CriterionBadge } from './CriterionBadge.js';

/** The criteria as a read-only list (letter, name, what it means, budget): Frame overview and projector. */
export function CriteriaList({ criteria, showBudget = true }: { criteria: readonly Criterion[]; showBudget?: boolean }) {
  const { tn } = useI18n();
  return (
    <ul className="criteria-list" data-testid="criteria-list">
      {criteria.map((c) => (
        <li key={c.id} className="criteria-list-item" data-criterion={c.id} style={criterionStyle(c)}>
          <CriterionBadge criterion={c} withName size="lg" />
          {c.description && <span className="criteria-list-description">{c.description}</span>}
          {showBudget && <span className="criteria-list-budget">{tn('criteria.votesEach', c.budget)}</span>}
        </li>
      ))}
    </ul>
  );
}
