import type { CSSProperties } from 'react';
import type { Criterion, VoteMode } from '../../shared/criteria.js';
import type { RankedTarget } from '../../shared/tally.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CriterionBadge } from '../voting/CriterionBadge.js';
import { rankLabel, scoreFormat, share } from './format.js';

interface Props {
  ranking: readonly RankedTarget[];
  criteria: readonly Criterion[];
  mode: VoteMode;
  nameOf: (target: string) => string;
  /** The option the facilitator chose, marked in the list. */
  chosen: string | null;
  /** Show at most this many rows (the projector); all when absent. */
  limit?: number;
}

/** The weighted overall ranking: rank (ties as "=1"), name, score with a bar, and each criterion's part. */
export function Ranking({ ranking, criteria, mode, nameOf, chosen, limit }: Props) {
  const { t, lang } = useI18n();
  const fmt = scoreFormat(lang, mode);
  const max = Math.max(0, ...ranking.map((r) => r.overall));
  const rows = limit ? ranking.slice(0, limit) : ranking;
  return (
    <ol className="ranking" aria-label={t('results.rankingLabel')}>
      {rows.map((r) => {
        const label = rankLabel(r.rank, r.tied);
        const name = nameOf(r.target);
        return (
          <li
            key={r.target}
            className={['ranking-row', r.rank === 1 && 'is-top', r.target === chosen && 'is-chosen'].filter(Boolean).join(' ')}
            data-testid="results-rank"
            data-target={r.target}
            data-rank={r.rank}
            data-tied={r.tied}
            style={{ '--share': share(r.overall, max) } as CSSProperties}
          >
            <span className="ranking-rank" aria-hidden="true">{label}</span>
            <span className="visually-hidden">{r.tied ? t('results.rankTied', { rank: r.rank }) : t('results.rank', { rank: r.rank })}: </span>
            <span className="ranking-main">
              <span className="ranking-name">
                {name}
                {r.target === chosen && <span className="ranking-chosen">{t('decision.chosenTag')}</span>}
              </span>
              <span className="ranking-bar" aria-hidden="true"><span className="ranking-bar-fill" /></span>
              <span className="ranking-parts">
                {criteria.map((c) => (
                  <span key={c.id} className="ranking-part">
                    <CriterionBadge criterion={c} size="sm" />
                    {fmt.format(r.byCriterion[c.id] ?? 0)}
                  </span>
                ))}
              </span>
            </span>
            <span className="ranking-score">
              <span className="visually-hidden">{t('results.overall')}: </span>
              {fmt.format(r.overall)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
