import { useState, type FormEvent } from 'react';
import type { VotingSettings } from '../../shared/criteria.js';
import type { BoardId } from '../../shared/ids.js';
import { MAX_PROBLEM, MAX_TITLE, type Team } from '../../shared/schema.js';
import { restoreTeams } from '../../shared/validate.js';
import { sendCommand, type Command } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Modes } from '../sync/useModes.js';
import { teamIdFor } from '../teams/teamColors.js';
import { ArrowRightIcon } from '../ui/sessionIcons.js';
import { CriteriaFields } from '../voting/CriteriaFields.js';
import { criteriaProblem, toCriteria, toDrafts, type CriterionDraft } from '../voting/criteriaDraft.js';
import { useCriteriaProblemText } from '../voting/useCriteriaProblemText.js';
import { VotingOptionsFields, type VotingOptions } from '../voting/VotingOptionsFields.js';
import { TeamFields, type TeamDraft } from './TeamFields.js';

interface Props {
  boardId: BoardId;
  token: string;
  title: string;
  problem: string;
  teams: readonly Team[];
  voting: VotingSettings;
  modes: Modes;
}

/**
 * Frame: everything a session needs on one screen, with defaults (the three criteria, three
 * votes each) so a facilitator types the problem of practice, adds the teams and starts, in
 * under a minute. Saving sends the facilitator commands in order; the first refusal stops it.
 */
export function FrameSetup(p: Props) {
  const { t } = useI18n();
  // Each field shows the board's value until the facilitator edits it (null: not edited). The
  // board may still be syncing when this screen opens; a form filled from the first, empty
  // render would save blanks over the real title and teams.
  const [titleEdit, setTitle] = useState<string | null>(null);
  const [problemEdit, setProblem] = useState<string | null>(null);
  const [teamsEdit, setTeams] = useState<TeamDraft[] | null>(null);
  const [criteriaEdit, setCriteria] = useState<CriterionDraft[] | null>(null);
  const [optionsEdit, setOptions] = useState<VotingOptions | null>(null);
  const [silentEdit, setSilent] = useState<boolean | null>(null);
  const [anonymousEdit, setAnonymous] = useState<boolean | null>(null);
  const title = titleEdit ?? p.title;
  const problem = problemEdit ?? p.problem;
  const teams = teamsEdit ?? p.teams.map((tm, i) => ({ key: i, id: tm.id, name: tm.name, color: tm.color }));
  const criteria = criteriaEdit ?? toDrafts(p.voting.criteria);
  const options = optionsEdit ?? { target: p.voting.target, mode: p.voting.mode, maxPerTarget: p.voting.maxPerTarget };
  const silent = silentEdit ?? p.modes.silent;
  const anonymous = anonymousEdit ?? p.modes.anonymous;
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; error: string }>({ kind: 'idle' });
  const votingOpen = p.voting.status === 'open';
  const problemText = useCriteriaProblemText(criteriaProblem(criteria));

  const save = async (start: boolean) => {
    if (problemText && !votingOpen) return;
    const taken = new Set(teams.flatMap((r) => (r.id ? [r.id] : [])));
    const list: Team[] = [];
    for (const r of teams) {
      const name = r.name.trim();
      if (!name) continue;
      const id = r.id ?? teamIdFor(name, taken);
      taken.add(id);
      list.push({ id, name, color: r.color });
    }
    const commands: Command[] = [
      { type: 'setTitle', title: title.trim() },
      { type: 'setProblem', problem: problem.trim() },
      { type: 'setTeams', teams: restoreTeams(list) },
      // Criteria cannot change under an open vote (the server says so); everything else still saves.
      ...(votingOpen ? [] : [{ type: 'setVoting', criteria: toCriteria(criteria), ...options } as Command]),
      ...(silent !== p.modes.silent ? [{ type: 'setSilent', on: silent } as Command] : []),
      ...(anonymous !== p.modes.anonymous ? [{ type: 'setAnonymous', on: anonymous } as Command] : []),
      ...(start ? [{ type: 'setPhase', phase: 'brainstorm' } as Command] : []),
    ];
    setStatus({ kind: 'saving' });
    for (const c of commands) {
      const r = await sendCommand(p.boardId, p.token, c);
      if (!r.ok) {
        setStatus({ kind: 'failed', error: r.error ?? t('voting.unreachable') });
        return;
      }
    }
    setStatus({ kind: 'saved' });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(true);
  };

  return (
    <form className="frame-setup" data-testid="frame-setup" onSubmit={submit}>
      <header className="frame-head">
        <h2 className="frame-heading">{t('frame.heading')}</h2>
        <p className="share-note">{t('frame.intro')}</p>
      </header>
      <section className="frame-section frame-basics" aria-labelledby="frame-basics-h">
        <h3 id="frame-basics-h" className="frame-section-title">{t('frame.basics')}</h3>
        <label className="frame-field">
          <span>{t('title.label')}</span>
          <input data-testid="frame-title" value={title} maxLength={MAX_TITLE} placeholder={t('title.placeholder')} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="frame-field">
          <span>{t('practice.label')}</span>
          <textarea data-testid="frame-problem" value={problem} rows={3} maxLength={MAX_PROBLEM} placeholder={t('practice.placeholder')} onChange={(e) => setProblem(e.target.value)} />
        </label>
        <fieldset className="frame-modes">
          <legend>{t('frame.modes')}</legend>
          <label className="checkbox">
            <input type="checkbox" data-testid="frame-silent" checked={silent} onChange={(e) => setSilent(e.target.checked)} />
            <span><strong>{t('modes.silent')}</strong> {t('modes.silentOnHint')}</span>
          </label>
          <label className="checkbox">
            <input type="checkbox" data-testid="frame-anonymous" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
            <span><strong>{t('modes.anonymous')}</strong> {t('modes.anonymousOnHint')}</span>
          </label>
        </fieldset>
      </section>
      <section className="frame-section frame-teams" aria-labelledby="frame-teams-h">
        <h3 id="frame-teams-h" className="frame-section-title">{t('teams.title')}</h3>
        <p className="share-note">{t('teams.hint')}</p>
        <TeamFields rows={teams} onChange={setTeams} />
      </section>
      <section className="frame-section frame-criteria" aria-labelledby="frame-criteria-h">
        <h3 id="frame-criteria-h" className="frame-section-title">{t('criteria.title')}</h3>
        {votingOpen ? <p className="share-warning">{t('criteria.lockedWhileOpen')}</p> : <p className="share-note">{t('criteria.hint')}</p>}
        <CriteriaFields rows={criteria} onChange={setCriteria} disabled={votingOpen} />
        <VotingOptionsFields value={options} onChange={setOptions} disabled={votingOpen} />
      </section>
      <footer className="frame-actions">
        <span role="status" className="frame-status">
          {status.kind === 'saved' && t('frame.saved')}
          {status.kind === 'failed' && <span className="inline-error">{status.error}</span>}
          {problemText && !votingOpen && <span className="inline-error">{problemText}</span>}
        </span>
        <button type="button" className="btn" data-testid="frame-save" disabled={status.kind === 'saving'} onClick={() => void save(false)}>
          {t('frame.save')}
        </button>
        <button type="submit" className="btn btn-primary" data-testid="frame-start" disabled={status.kind === 'saving'}>
          {t('frame.start')}
          <ArrowRightIcon />
        </button>
      </footer>
    </form>
  );
}
