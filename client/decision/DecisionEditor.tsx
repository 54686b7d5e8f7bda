import { useState, type FormEvent } from 'react';
import type { Criterion } from '../../shared/criteria.js';
import type { BoardId } from '../../shared/ids.js';
import type { Decision } from '../../shared/meta.js';
import { sendCommand } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { criterionStyle, CriterionBadge } from '../voting/CriterionBadge.js';

/** The server keeps this much of each reason (server/votes.ts). */
const MAX_RATIONALE = 2_000;

export interface DecisionOption {
  id: string;
  name: string;
  /** "=1 · 14", or '' before any reveal. */
  detail: string;
}

interface Props {
  boardId: BoardId;
  token: string;
  /** In ranking order when results are revealed. */
  options: readonly DecisionOption[];
  criteria: readonly Criterion[];
  decision: Decision | null;
}

/**
 * The facilitator records the chosen solution and, per criterion, why it serves it: the
 * sentence a design team needs for its board report ("promotes equity because…").
 */
export function DecisionEditor({ boardId, token, options, criteria, decision }: Props) {
  const { t } = useI18n();
  // Until the facilitator picks, the recorded choice, else the top of the ranking (which may arrive after mount).
  const [picked, setTarget] = useState<string | null>(null);
  const target = picked ?? decision?.target ?? options[0]?.id ?? '';
  const [why, setWhy] = useState<Record<string, string>>(() => ({ ...(decision?.rationale ?? {}) }));
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; error: string }>({ kind: 'idle' });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!target) return;
    setStatus({ kind: 'saving' });
    const rationale = Object.fromEntries(criteria.map((c) => [c.id, (why[c.id] ?? '').trim()]).filter(([, v]) => v));
    const r = await sendCommand(boardId, token, { type: 'recordDecision', target, rationale });
    setStatus(r.ok ? { kind: 'saved' } : { kind: 'failed', error: r.error ?? t('voting.unreachable') });
  };

  return (
    <form className="decision-editor" data-testid="decision-editor" onSubmit={(e) => void save(e)}>
      <h2 className="decision-editor-title">{t('decision.editorTitle')}</h2>
      <fieldset className="decision-options">
        <legend>{t('decision.chooseLegend')}</legend>
        {options.length === 0 && <p className="share-note">{t('decision.noOptions')}</p>}
        {options.map((o) => (
          <label key={o.id} className={o.id === target ? 'decision-option is-on' : 'decision-option'}>
            <input type="radio" name="decision-target" value={o.id} data-testid="decision-target" data-target={o.id} checked={o.id === target} onChange={() => setTarget(o.id)} />
            <span className="decision-option-name">{o.name}</span>
            {o.detail && <span className="decision-option-detail">{o.detail}</span>}
          </label>
        ))}
      </fieldset>
      {criteria.map((c) => (
        <label key={c.id} className="decision-why" style={criterionStyle(c)}>
          <span className="decision-why-label">
            <CriterionBadge criterion={c} withName size="sm" />
            <span className="decision-why-hint">{c.description}</span>
          </span>
          <textarea
            data-testid="decision-rationale"
            data-criterion={c.id}
            rows={2}
            maxLength={MAX_RATIONALE}
            value={why[c.id] ?? ''}
            placeholder={t('decision.whyPlaceholder', { criterion: c.name })}
            onChange={(e) => setWhy((w) => ({ ...w, [c.id]: e.target.value }))}
          />
        </label>
      ))}
      <div className="decision-editor-actions">
        <span role="status" className="decision-editor-status">
          {status.kind === 'saved' && t('decision.saved')}
          {status.kind === 'failed' && <span className="inline-error">{status.error}</span>}
        </span>
        <button type="submit" className="btn btn-primary" data-testid="decision-save" disabled={!target || status.kind === 'saving'}>
          {decision ? t('decision.update') : t('decision.save')}
        </button>
      </div>
    </form>
  );
}
