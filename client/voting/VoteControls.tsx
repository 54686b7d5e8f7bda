import { memo } from 'react';
import { RATING_MAX, RATING_MIN, type Criterion, type VoteMode } from '../../shared/criteria.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PlusIcon } from '../ui/icons.js';
import { MinusIcon } from '../ui/sessionIcons.js';
import { CriterionBadge, criterionStyle } from './CriterionBadge.js';
import { voteKey } from './myVotesStore.js';

interface Props {
  target: string;
  /** For labels: "Give an Equity vote to Revise policies". */
  targetName: string;
  criteria: readonly Criterion[];
  mode: VoteMode;
  maxPerTarget: number;
  values: ReadonlyMap<string, number>;
  /** Votes left per criterion (dots mode). */
  left: Readonly<Record<string, number>>;
  /** False outside an open round, or when the rules do not let this person vote. */
  enabled: boolean;
  onSet: (criterion: string, target: string, value: number) => void;
}

const RATINGS = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => RATING_MIN + i);

/** One target's votes, a row per criterion: its letter and color, −, your dots, +; or a 1–5 rating. */
export const VoteControls = memo(function VoteControls(p: Props) {
  const { t } = useI18n();
  return (
    <div className="vote-controls" data-testid="vote-controls" data-target={p.target}>
      {p.criteria.map((c) => {
        const value = p.values.get(voteKey(c.id, p.target)) ?? 0;
        const names = { criterion: c.name, target: p.targetName };
        return (
          <div key={c.id} className="vote-row" role="group" aria-label={t('vote.rowLabel', names)} style={criterionStyle(c)}>
            <CriterionBadge criterion={c} withName size="md" />
            {p.mode === 'rating' ? (
              <Rating criterion={c} target={p.target} value={value} enabled={p.enabled} names={names} onSet={p.onSet} />
            ) : (
              <Dots criterion={c} target={p.target} value={value} max={Math.min(p.maxPerTarget, c.budget)} left={p.left[c.id] ?? 0} enabled={p.enabled} names={names} onSet={p.onSet} />
            )}
          </div>
        );
      })}
    </div>
  );
});

interface RowProps {
  criterion: Criterion;
  target: string;
  value: number;
  enabled: boolean;
  names: { criterion: string; target: string };
  onSet: (criterion: string, target: string, value: number) => void;
}

function Dots({ criterion: c, target, value, max, left, enabled, names, onSet }: RowProps & { max: number; left: number }) {
  const { t, tn } = useI18n();
  const canAdd = enabled && value < max && left > 0;
  const slots = Math.max(max, value);
  return (
    <span className="vote-dots-row">
      <button
        type="button"
        className="vote-step"
        data-testid="vote-remove"
        data-criterion={c.id}
        data-target={target}
        disabled={!enabled || value === 0}
        aria-label={t('vote.remove', names)}
        title={t('vote.remove', names)}
        onClick={() => onSet(c.id, target, value - 1)}
      >
        <MinusIcon />
      </button>
      <span className="vote-dots" data-testid="vote-value" data-criterion={c.id} data-target={target} data-value={value}>
        {Array.from({ length: slots }, (_, i) => (
          <span key={i} className={i < value ? 'vote-dot is-on' : 'vote-dot'} aria-hidden="true">
            {i < value ? c.letter : ''}
          </span>
        ))}
        <span className="vote-count" aria-live="polite">
          <span aria-hidden="true">{value}</span>
          <span className="visually-hidden">{tn('vote.yourDots', value, names)}</span>
        </span>
      </span>
      <button
        type="button"
        className="vote-step vote-step-add"
        data-testid="vote-add"
        data-criterion={c.id}
        data-target={target}
        disabled={!canAdd}
        aria-label={t('vote.add', names)}
        title={enabled && left === 0 ? t('vote.noneLeft', { criterion: c.name }) : t('vote.add', names)}
        onClick={() => onSet(c.id, target, value + 1)}
      >
        <PlusIcon />
      </button>
    </span>
  );
}

function Rating({ criterion: c, target, value, enabled, names, onSet }: RowProps) {
  const { t } = useI18n();
  return (
    <span className="vote-rating" data-testid="vote-value" data-criterion={c.id} data-target={target} data-value={value}>
      {RATINGS.map((n) => (
        <button
          key={n}
          type="button"
          className={n === value ? 'vote-rate is-on' : 'vote-rate'}
          data-testid="vote-rate"
          data-criterion={c.id}
          data-target={target}
          data-value={n}
          aria-pressed={n === value}
          disabled={!enabled}
          aria-label={t('vote.rate', { ...names, n, max: RATING_MAX })}
          // Pressing the chosen rating again withdraws it (0), as the server's API does.
          onClick={() => onSet(c.id, target, n === value ? 0 : n)}
        >
          {n}
        </button>
      ))}
    </span>
  );
}
