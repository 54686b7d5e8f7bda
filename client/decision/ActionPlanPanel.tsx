import { useState, type FormEvent } from 'react';
import type { BoardId } from '../../shared/ids.js';
import {
  emptyRow, isEmptyPlan, MAX_PLAN_CELL, MAX_PLAN_GOAL, MAX_PLAN_REVIEW, MAX_PLAN_ROWS, PLAN_COLUMNS, restorePlan,
  type ActionPlan, type PlanColumn, type PlanRow,
} from '../../shared/plan.js';
import { sendCommand } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PlusIcon, TrashIcon } from '../ui/icons.js';

interface Props {
  boardId: BoardId;
  token: string;
  plan: ActionPlan;
  /** The facilitator writes the plan; everyone else reads it. */
  editable: boolean;
}

type Status = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; error: string };

/** The Plan phase's action plan: a form for the facilitator, a table for everyone else. */
export function ActionPlanPanel(p: Props) {
  return p.editable ? <PlanEditor {...p} /> : <PlanView plan={p.plan} />;
}

/** The plan as everyone reads it (the projector too). */
export function PlanView({ plan }: { plan: ActionPlan }) {
  const { t } = useI18n();
  return (
    <section className="action-plan" data-testid="action-plan" aria-labelledby="action-plan-h">
      <h2 id="action-plan-h" className="action-plan-title">{t('plan.heading')}</h2>
      {isEmptyPlan(plan) ? (
        <p className="action-plan-empty">{t('plan.empty')}</p>
      ) : (
        <>
          {plan.goal && (
            <p className="action-plan-goal"><strong>{t('plan.goal')}</strong> {plan.goal}</p>
          )}
          {plan.rows.length > 0 ? (
            <table className="action-plan-table">
              <thead>
                <tr>{PLAN_COLUMNS.map((c) => <th key={c} scope="col">{t(`plan.col.${c}`)}</th>)}</tr>
              </thead>
              <tbody>
                {plan.rows.map((r, i) => (
                  <tr key={i} data-testid="plan-row">
                    {PLAN_COLUMNS.map((c) => <td key={c} data-label={t(`plan.col.${c}`)}>{r[c]}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="action-plan-empty">{t('plan.noSteps')}</p>
          )}
          {plan.reviewOn && <p className="action-plan-review"><strong>{t('plan.reviewOn')}:</strong> {plan.reviewOn}</p>}
        </>
      )}
    </section>
  );
}

function PlanEditor({ boardId, token, plan }: Props) {
  const { t } = useI18n();
  // The board's plan until the facilitator edits (null): it may still be syncing when this opens.
  const [draft, setDraft] = useState<ActionPlan | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const shown = draft ?? { ...plan, rows: plan.rows.length > 0 ? plan.rows : [emptyRow()] };
  const edit = (next: ActionPlan) => {
    setDraft(next);
    if (status.kind !== 'saving') setStatus({ kind: 'idle' });
  };
  const setCell = (i: number, c: PlanColumn, v: string) =>
    edit({ ...shown, rows: shown.rows.map((r, j): PlanRow => (j === i ? { ...r, [c]: v } : r)) });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    // Bounded and without blank rows, as the server will store it.
    const next = restorePlan(shown);
    const r = await sendCommand(boardId, token, { type: 'setPlan', plan: next });
    if (!r.ok) {
      setStatus({ kind: 'failed', error: r.error ?? t('voting.unreachable') });
      return;
    }
    setDraft(null);
    setStatus({ kind: 'saved' });
  };

  return (
    <form className="action-plan is-editing" data-testid="plan-editor" aria-labelledby="action-plan-h" onSubmit={(e) => void save(e)}>
      <h2 id="action-plan-h" className="action-plan-title">{t('plan.heading')}</h2>
      <p className="action-plan-intro">{t('plan.intro')}</p>
      <label className="field">
        <span className="field-label">{t('plan.goal')}</span>
        <textarea data-testid="plan-goal" rows={2} maxLength={MAX_PLAN_GOAL} value={shown.goal} placeholder={t('plan.goalPlaceholder')} onChange={(e) => edit({ ...shown, goal: e.target.value })} />
      </label>
      <table className="action-plan-table">
        <thead>
          <tr>
            {PLAN_COLUMNS.map((c) => <th key={c} scope="col">{t(`plan.col.${c}`)}</th>)}
            <th scope="col"><span className="visually-hidden">{t('plan.removeCol')}</span></th>
          </tr>
        </thead>
        <tbody>
          {shown.rows.map((r, i) => (
            <tr key={i} data-testid="plan-row" aria-label={t('plan.rowLabel', { n: i + 1 })}>
              {PLAN_COLUMNS.map((c) => (
                <td key={c} data-label={t(`plan.col.${c}`)}>
                  <textarea
                    data-testid={`plan-${c}`}
                    aria-label={`${t(`plan.col.${c}`)}, ${t('plan.rowLabel', { n: i + 1 })}`}
                    rows={3}
                    maxLength={MAX_PLAN_CELL}
                    value={r[c]}
                    onChange={(e) => setCell(i, c, e.target.value)}
                  />
                </td>
              ))}
              <td className="action-plan-remove">
                <button type="button" className="btn btn-small btn-quiet" data-testid="plan-remove" aria-label={t('plan.removeRow', { n: i + 1 })} title={t('plan.removeRow', { n: i + 1 })} onClick={() => edit({ ...shown, rows: shown.rows.filter((_, j) => j !== i) })}>
                  <TrashIcon />
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="action-plan-row-actions">
        <button type="button" className="btn btn-small" data-testid="plan-add" disabled={shown.rows.length >= MAX_PLAN_ROWS} onClick={() => edit({ ...shown, rows: [...shown.rows, emptyRow()] })}>
          <PlusIcon />
          {t('plan.addRow')}
        </button>
      </div>
      <label className="field action-plan-review-field">
        <span className="field-label">{t('plan.reviewOn')}</span>
        <input data-testid="plan-review" maxLength={MAX_PLAN_REVIEW} value={shown.reviewOn} placeholder={t('plan.reviewPlaceholder')} onChange={(e) => edit({ ...shown, reviewOn: e.target.value })} />
      </label>
      <div className="decision-editor-actions">
        {status.kind === 'saved' && <span className="decision-editor-status" role="status">{t('plan.saved')}</span>}
        {status.kind === 'failed' && <span className="inline-error" role="alert">{status.error}</span>}
        <button type="submit" className="btn btn-primary" data-testid="plan-save" disabled={status.kind === 'saving'}>
          {status.kind === 'saving' ? t('plan.saving') : t('plan.save')}
        </button>
      </div>
    </form>
  );
}
