import { useI18n } from '../i18n/I18nProvider.js';
import type { CriteriaProblem } from './criteriaDraft.js';

/** Why the criteria cannot be saved yet, in the person's language; null when they can. */
export function useCriteriaProblemText(problem: CriteriaProblem | null): string | null {
  const { t } = useI18n();
  if (!problem) return null;
  switch (problem.kind) {
    case 'empty':
      return t('criteria.problemEmpty');
    case 'unnamed':
      return t('criteria.problemUnnamed', { n: problem.index + 1 });
    case 'sameLetter':
      return t('criteria.problemLetter', { letter: problem.letter });
  }
}
