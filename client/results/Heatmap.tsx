import type { CSSProperties } from 'react';
import type { Criterion, VoteMode } from '../../shared/criteria.js';
import type { RankedTarget } from '../../shared/tally.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { criterionStyle, CriterionBadge } from '../voting/CriterionBadge.js';
import { rankLabel, scoreFormat, share } from './format.js';
import { TableScroll } from './TableScroll.js';

interface Props {
  ranking: readonly RankedTarget[];
  criteria: readonly Criterion[];
  mode: VoteMode;
  nameOf: (target: string) => string;
}

/**
 * Options × criteria as a real table: every cell carries its number, the shading only repeats
 * it (darker = more of that column's maximum), so nothing depends on seeing color.
 */
export function Heatmap({ ranking, criteria, mode, nameOf }: Props) {
  const { t, lang } = useI18n();
  const fmt = scoreFormat(lang, mode);
  const maxOf = new Map(criteria.map((c) => [c.id, Math.max(0, ...ranking.map((r) => r.byCriterion[c.id] ?? 0))]));
  const maxOverall = Math.max(0, ...ranking.map((r) => r.overall));
  return (
    <TableScroll>
      <table className="heatmap" data-testid="results-heatmap">
        <caption className="results-caption">{t(mode === 'rating' ? 'results.heatmapCaptionRating' : 'results.heatmapCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.rankShort')}</th>
            <th scope="col" className="heatmap-name">{t('results.option')}</th>
            {criteria.map((c) => (
              <th key={c.id} scope="col" style={criterionStyle(c)}>
                <CriterionBadge criterion={c} withName size="sm" />
                {c.weight !== 1 && <span className="heatmap-weight">{t('results.weight', { weight: c.weight })}</span>}
              </th>
            ))}
            <th scope="col">{t('results.overall')}</th>
          </tr>
        </thead>
        <tbody>
          {ranking.map((r) => (
            <tr key={r.target} data-target={r.target}>
              <td className="heatmap-rank">{rankLabel(r.rank, r.tied)}</td>
              <th scope="row" className="heatmap-name">{nameOf(r.target)}</th>
              {criteria.map((c) => {
                const v = r.byCriterion[c.id] ?? 0;
                return (
                  <td key={c.id} className="heat" data-criterion={c.id} data-value={v} style={{ ...criterionStyle(c), '--heat': share(v, maxOf.get(c.id) ?? 0) } as CSSProperties}>
                    {fmt.format(v)}
                  </td>
                );
              })}
              <td className="heat heat-overall" style={{ '--heat': share(r.overall, maxOverall) } as CSSProperties}>{fmt.format(r.overall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
