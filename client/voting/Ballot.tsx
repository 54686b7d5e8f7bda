import { useCallback, useMemo } from 'react';
import type { VotingSettings } from '../../shared/criteria.js';
import type { BoardId } from '../../shared/ids.js';
import type { Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { BoardContent } from '../sync/useBoardContent.js';
import { CheckIcon } from '../ui/icons.js';
import { BallotTarget } from './BallotTarget.js';
import { ballotTargets } from './targets.js';
import { useMyVotes } from './useMyVotes.js';
import { VotesLeft } from './VotesLeft.js';

interface Props {
  boardId: BoardId;
  token: string;
  voting: VotingSettings;
  content: BoardContent;
  teams: readonly Team[];
  /** Why this person cannot vote now (phase, lock), or null when the rules allow it. */
  blocked: string | null;
}

/**
 * The ballot: every option with this voter's own votes on it, what they have left per
 * criterion, and "I'm done". Only this voter's votes are ever here: they come from the server
 * (GET /votes/mine), not from the document, which holds no votes until the reveal.
 */
export function Ballot({ boardId, token, voting, content, teams, blocked }: Props) {
  const { t, tn } = useI18n();
  const mine = useMyVotes(boardId, token, voting.round, voting.status);
  const targets = useMemo(() => ballotTargets(content, voting), [content, voting]);
  const teamById = useMemo(() => new Map(teams.map((tm) => [tm.id, tm])), [teams]);
  const open = voting.status === 'open';
  const enabled = open && blocked === null && mine.loaded;
  const { store } = mine;
  const onSet = useCallback((criterion: string, target: string, value: number) => store.set(criterion, target, value), [store]);

  const { left, rated } = useMemo(() => {
    const l: Record<string, number> = {};
    const r: Record<string, number> = {};
    const live = new Set(targets.map((x) => x.id));
    for (const c of voting.criteria) {
      let spent = 0;
      let count = 0;
      for (const [k, v] of mine.values) {
        const [crit, target] = k.split('\u0000');
        if (crit !== c.id || v <= 0) continue;
        spent += v;
        if (target && live.has(target)) count++;
      }
      l[c.id] = Math.max(0, c.budget - spent);
      r[c.id] = count;
    }
    return { left: l, rated: r };
  }, [mine.values, voting.criteria, targets]);
  const cast = [...mine.values.values()].some((v) => v > 0);

  const status = open ? (voting.runoff.length > 0 ? t('vote.statusRunoff', { count: voting.runoff.length }) : t(voting.mode === 'rating' ? 'vote.statusOpenRating' : 'vote.statusOpen'))
    : voting.status === 'closed' && cast ? t('vote.statusClosed') : t('vote.statusNotOpen');

  return (
    <section className="ballot" data-testid="ballot" data-status={voting.status} aria-labelledby="ballot-heading">
      <div className="ballot-intro">
        <h2 id="ballot-heading" className="ballot-heading">{t('vote.heading')}</h2>
        <p className="ballot-status" data-testid="ballot-status" role="status">{blocked && open ? blocked : status}</p>
      </div>
      <div className="ballot-top">
        <VotesLeft criteria={voting.criteria} mode={voting.mode} left={left} rated={rated} targetCount={targets.length} />
        {open && (
          <div className="ballot-done">
            <span className="ballot-saving" role="status">{mine.saving ? t('vote.saving') : ''}</span>
            <button
              type="button"
              className={mine.done ? 'btn vote-done is-done' : 'btn btn-primary vote-done'}
              data-testid="vote-done"
              aria-pressed={mine.done}
              disabled={!enabled}
              onClick={() => void store.setDone(!mine.done)}
            >
              {mine.done && <CheckIcon />}
              {mine.done ? t('vote.doneOn') : t('vote.done')}
            </button>
          </div>
        )}
        {/* In the sticky bar: a vote refused while scrolled down to its option is said where the voter looks. */}
        {mine.error && (
          <p className="vote-error" data-testid="vote-error" role="alert">
            {mine.error.kind === 'network' ? t('vote.errorNetwork') : t('vote.errorServer', { reason: mine.error.text })}
            <button type="button" className="btn btn-small btn-quiet" onClick={() => store.clearError()}>{t('dialog.close')}</button>
          </p>
        )}
      </div>
      {voting.criteria.length > 0 && (
        <details className="ballot-criteria">
          <summary>{t('vote.criteriaMeaning')}</summary>
          <dl>
            {voting.criteria.map((c) => (
              <div key={c.id} className="ballot-criterion">
                <dt>{c.name}</dt>
                <dd>{c.description}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {targets.length === 0 ? (
        <p className="ballot-empty">{voting.target === 'categories' ? t('vote.noCategories') : t('vote.noNotes')}</p>
      ) : (
        <div className="ballot-grid" aria-label={tn('vote.optionCount', targets.length)} role="list">
          {targets.map((target) => (
            <div role="listitem" key={target.id} className="ballot-cell">
              <BallotTarget
                target={target}
                criteria={voting.criteria}
                mode={voting.mode}
                maxPerTarget={voting.maxPerTarget}
                values={mine.values}
                left={left}
                enabled={enabled}
                teamById={teamById}
                onSet={onSet}
              />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
