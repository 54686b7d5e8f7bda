import type { Criterion } from '../../shared/criteria.js';
import type { Decision, RevealedResults } from '../../shared/meta.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { rankLabel, scoreFormat } from '../results/format.js';
import { criterionStyle, CriterionBadge } from '../voting/CriterionBadge.js';

interface Props {
  decision: Decision;
  criteria: readonly Criterion[];
  names: ReadonlyMap<string, string>;
  results: RevealedResults | null;
  /** Larger type for the projector. */
  size?: 'board' | 'projector';
}

/** The recorded decision: the chosen solution, where it ranked, and why, criterion by criterion. */
export function DecisionCard({ decision, criteria, names, results, size = 'board' }: Props) {
  const { t, lang } = useI18n();
  const ranked = results?.ranking.find((r) => r.target === decision.target);
  const fmt = scoreFormat(lang, results?.mode ?? 'dots');
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(decision.decidedAt);
  const reasons = criteria.filter((c) => (decision.rationale[c.id] ?? '').trim());
  return (
    <section className={`decision decision-${size}`} data-testid="decision" data-target={decision.target} aria-labelledby="decision-heading">
      <p id="decision-heading" className="decision-kicker">{t('decision.heading')}</p>
      <h2 className="decision-name" data-testid="decision-name">{names.get(decision.target) || t('results.unnamed')}</h2>
      {ranked && results && (
        <p className="decision-rank">
          {t(ranked.tied ? 'decision.rankedTied' : 'decision.ranked', { rank: rankLabel(ranked.rank, ranked.tied), total: results.ranking.length, score: fmt.format(ranked.overall) })}
        </p>
      )}
      {reasons.length > 0 ? (
        <dl className="decision-reasons">
          {reasons.map((c) => (
            <div key={c.id} className="decision-reason" data-criterion={c.id} style={criterionStyle(c)}>
              <dt><CriterionBadge criterion={c} withName size={size === 'projector' ? 'lg' : 'md'} /></dt>
              <dd>{decision.rationale[c.id]}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="decision-none">{t('decision.noRationale')}</p>
      )}
      <p className="decision-when">{t('decision.recordedAt', { when })}</p>
    </section>
  );
}
