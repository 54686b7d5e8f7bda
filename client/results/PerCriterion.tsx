import type { Criterion, VoteMode } from '../../shared/criteria.js';
import type { Results } from '../../shared/tally.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { criterionStyle, CriterionBadge } from '../voting/CriterionBadge.js';
import { scoreFormat } from './format.js';

interface Props {
  perCriterion: Results['perCriterion'];
  criteria: readonly Criterion[];
  mode: VoteMode;
  nameOf: (target: string) => string;
  /** Options listed per criterion; the rest are in the heat map. */
  limit: number;
}

/** Each criterion on its own: which options did best on equity, on feasibility… Ties share a rank. */
export function PerCriterion({ perCriterion, criteria, mode, nameOf, limit }: Props) {
  const { t, lang } = useI18n();
  const fmt = scoreFormat(lang, mode);
  return (
    <div className="per-criterion">
      {criteria.map((c) => {
        const list = perCriterion[c.id] ?? [];
        const counts = new Map<number, number>();
        for (const r of list) counts.set(r.rank, (counts.get(r.rank) ?? 0) + 1);
        return (
          <section key={c.id} className="per-criterion-col" data-testid="results-criterion" data-criterion={c.id} style={criterionStyle(c)} aria-label={c.name}>
            <h4 className="per-criterion-head">
              <CriterionBadge criterion={c} withName size="md" />
            </h4>
            <ol className="per-criterion-list">
              {list.slice(0, limit).map((r) => (
                <li key={r.target} data-target={r.target} data-rank={r.rank}>
                  <span className="per-criterion-rank" aria-label={(counts.get(r.rank) ?? 0) > 1 ? t('results.rankTied', { rank: r.rank }) : t('results.rank', { rank: r.rank })}>
                    {(counts.get(r.rank) ?? 0) > 1 ? `=${r.rank}` : r.rank}
                  </span>
                  <span className="per-criterion-name">{nameOf(r.target)}</span>
                  <span className="per-criterion-value">{fmt.format(r.value)}</span>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
