import { memo, type CSSProperties } from 'react';
import type { Criterion, VoteMode } from '../../shared/criteria.js';
import { NOTE_COLORS } from '../../shared/palette.js';
import type { Team } from '../../shared/schema.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { TeamTag } from '../teams/TeamTag.js';
import type { VoteTargetView } from './targets.js';
import { VoteControls } from './VoteControls.js';

/** Notes listed on a category's card before the rest fold away behind "Show all". */
const PREVIEW_NOTES = 4;

interface Props {
  target: VoteTargetView;
  criteria: readonly Criterion[];
  mode: VoteMode;
  maxPerTarget: number;
  values: ReadonlyMap<string, number>;
  left: Readonly<Record<string, number>>;
  enabled: boolean;
  teamById: ReadonlyMap<string, Team>;
  onSet: (criterion: string, target: string, value: number) => void;
}

/** One option on the ballot: what it is (name, description, its ideas) and this voter's votes on it. */
export const BallotTarget = memo(function BallotTarget(p: Props) {
  const { t, tn } = useI18n();
  const { target } = p;
  const isNote = target.cluster?.id !== target.id;
  const name = target.name || (isNote ? t('note.empty') : t('cluster.untitled'));
  const color = target.cluster ? NOTE_COLORS[target.cluster.color] : NOTE_COLORS.yellow;
  const first = target.notes.slice(0, PREVIEW_NOTES);
  const rest = target.notes.slice(PREVIEW_NOTES);
  const note = isNote ? target.notes[0] : undefined;
  const team = note ? p.teamById.get(note.team) : undefined;

  return (
    <article className={isNote ? 'ballot-target is-note' : 'ballot-target'} data-testid="ballot-target" data-target={target.id} style={{ '--target-color': color } as CSSProperties}>
      <header className="ballot-target-head">
        <h3 className="ballot-target-name">{name}</h3>
        {isNote ? (
          <p className="ballot-target-meta">
            {team && <TeamTag team={team} />}
            {target.cluster && <span>{t('vote.inCategory', { category: target.cluster.name || t('cluster.untitled') })}</span>}
          </p>
        ) : (
          <p className="ballot-target-meta">{tn('board.noteCount', target.notes.length)}</p>
        )}
      </header>
      {target.description && <p className="ballot-target-description">{target.description}</p>}
      {!isNote && first.length > 0 && (
        <>
          <ul className="ballot-notes">
            {first.map((n) => <li key={n.id}>{n.text.trim() || t('note.empty')}</li>)}
          </ul>
          {rest.length > 0 && (
            <details className="ballot-more">
              <summary>{tn('vote.moreNotes', rest.length)}</summary>
              <ul className="ballot-notes">
                {rest.map((n) => <li key={n.id}>{n.text.trim() || t('note.empty')}</li>)}
              </ul>
            </details>
          )}
        </>
      )}
      <VoteControls
        target={target.id}
        targetName={name}
        criteria={p.criteria}
        mode={p.mode}
        maxPerTarget={p.maxPerTarget}
        values={p.values}
        left={p.left}
        enabled={p.enabled}
        onSet={p.onSet}
      />
    </article>
  );
});
