import { useState, type FormEvent } from 'react';
import type { VotingSettings } from '../../shared/criteria.js';
import type { BoardId } from '../../shared/ids.js';
import { sendCommand } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Dialog } from '../ui/Dialog.js';
import { CriteriaFields } from '../voting/CriteriaFields.js';
import { criteriaProblem, toCriteria, toDrafts, type CriterionDraft } from '../voting/criteriaDraft.js';
import { useCriteriaProblemText } from '../voting/useCriteriaProblemText.js';
import { VotingOptionsFields, type VotingOptions } from '../voting/VotingOptionsFields.js';

interface Props {
  boardId: BoardId;
  token: string;
  voting: VotingSettings;
  onClose: () => void;
}

/**
 * Criteria and voting options, saved together (setVoting). The server refuses changes while a
 * round is open (budgets would change under people's feet), so the form is read-only then.
 */
export function CriteriaEditor({ boardId, token, voting, onClose }: Props) {
  const { t } = useI18n();
  const [rows, setRows] = useState<CriterionDraft[]>(() => toDrafts(voting.criteria));
  const [options, setOptions] = useState<VotingOptions>({ target: voting.target, mode: voting.mode, maxPerTarget: voting.maxPerTarget });
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' } | { kind: 'failed'; error: string }>({ kind: 'idle' });
  const locked = voting.status === 'open';
  const problem = criteriaProblem(rows);
  const problemText = useCriteriaProblemText(problem);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (problem || locked) return;
    setStatus({ kind: 'saving' });
    const r = await sendCommand(boardId, token, { type: 'setVoting', criteria: toCriteria(rows), ...options });
    if (r.ok) onClose();
    else setStatus({ kind: 'failed', error: r.error ?? t('voting.unreachable') });
  };

  return (
    <Dialog title={t('criteria.title')} onClose={onClose} testId="criteria-editor" className="criteria-dialog">
      <form className="criteria-form" onSubmit={(e) => void save(e)}>
        {locked ? <p className="share-warning">{t('criteria.lockedWhileOpen')}</p> : <p className="share-note">{t('criteria.hint')}</p>}
        <CriteriaFields rows={rows} onChange={setRows} disabled={locked} />
        <VotingOptionsFields value={options} onChange={setOptions} disabled={locked} />
        {problemText && <p className="inline-error" role="alert">{problemText}</p>}
        {status.kind === 'failed' && <p className="inline-error" role="alert">{status.error}</p>}
        <div className="teams-footer">
          <span className="teams-footer-end">
            <button type="button" className="btn btn-small" onClick={onClose}>{t('teams.cancel')}</button>
            <button type="submit" className="btn btn-small btn-primary" data-testid="criteria-save" disabled={locked || problem !== null || status.kind === 'saving'}>
              {status.kind === 'saving' ? t('teams.saving') : t('criteria.save')}
            </button>
          </span>
        </div>
      </form>
    </Dialog>
  );
}
