import type { MessageKey } from '../i18n/i18n.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { navigate } from '../router.js';
import type { BoardProblem } from '../sync/closeProblems.js';

const TEXT: Record<BoardProblem, { title: MessageKey; body: MessageKey }> = {
  'not-found': { title: 'problem.notFound.title', body: 'problem.notFound.body' },
  version: { title: 'problem.version.title', body: 'problem.version.body' },
  epoch: { title: 'problem.epoch.title', body: 'problem.epoch.body' },
  'too-new': { title: 'problem.tooNew.title', body: 'problem.tooNew.body' },
  unauthorized: { title: 'problem.unauthorized.title', body: 'problem.unauthorized.body' },
  removed: { title: 'problem.removed.title', body: 'problem.removed.body' },
  forbidden: { title: 'problem.forbidden.title', body: 'problem.forbidden.body' },
  refused: { title: 'problem.refused.title', body: 'problem.refused.body' },
  unreachable: { title: 'problem.unreachable.title', body: 'problem.unreachable.body' },
};

interface Props {
  problem: BoardProblem;
  /** Full page when there is no board to show, a banner above the board otherwise. */
  variant: 'page' | 'banner';
  onRetry?: () => void;
}

export function Problem({ problem, variant, onRetry }: Props) {
  const { t } = useI18n();
  const { title, body } = TEXT[problem];
  const Heading = variant === 'page' ? 'h1' : 'h2';
  return (
    <div className={`problem problem-${variant}`} role="alert" data-testid="problem" data-problem={problem}>
      <Heading className="problem-title">{t(title)}</Heading>
      <p className="problem-body">{t(body)}</p>
      <div className="problem-actions">
        {problem === 'unreachable' && onRetry && (
          <button type="button" className="btn btn-primary" onClick={onRetry}>
            {t('problem.retry')}
          </button>
        )}
        {(problem === 'version' || problem === 'epoch' || problem === 'refused' || problem === 'forbidden') && (
          <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
            {t('problem.reload')}
          </button>
        )}
        {(problem === 'not-found' || variant === 'page') && (
          <a className="btn" href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>
            {t('problem.goHome')}
          </a>
        )}
      </div>
    </div>
  );
}
