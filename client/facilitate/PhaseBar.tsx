import { useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { nextPhase, PHASES, type Phase } from '../../shared/phases.js';
import { sendCommand } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CheckIcon } from '../ui/icons.js';
import { ArrowRightIcon } from '../ui/sessionIcons.js';

interface Props {
  boardId: BoardId;
  token: string;
  phase: Phase;
}

/**
 * The workshop's six phases as steps, for the facilitator: where the session is, what is done,
 * one press to move on, and any step revisitable (the board keeps everything).
 */
export function PhaseBar({ boardId, token, phase }: Props) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const at = PHASES.indexOf(phase);
  const next = nextPhase(phase);
  const go = async (p: Phase) => {
    if (p === phase) return;
    setError(null);
    const r = await sendCommand(boardId, token, { type: 'setPhase', phase: p });
    if (!r.ok) setError(r.error ?? t('phase.changeFailed'));
  };
  return (
    <nav className="phase-bar" data-testid="phase-bar" aria-label={t('phaseBar.label')}>
      <ol className="phase-steps">
        {PHASES.map((p, i) => (
          <li key={p}>
            <button
              type="button"
              className={['phase-step', i < at && 'is-done', i === at && 'is-current'].filter(Boolean).join(' ')}
              data-testid="phase-step"
              data-phase={p}
              aria-current={i === at ? 'step' : undefined}
              title={t(`phase.${p}`)}
              onClick={() => void go(p)}
            >
              <span className="phase-step-n" aria-hidden="true">{i < at ? <CheckIcon /> : i + 1}</span>
              <span className="phase-step-name">{t(`phase.${p}`)}</span>
            </button>
          </li>
        ))}
      </ol>
      {next && (
        <button type="button" className="btn btn-small btn-primary phase-next" data-testid="phase-next" onClick={() => void go(next)}>
          {t('phaseBar.next', { phase: t(`phase.${next}`) })}
          <ArrowRightIcon />
        </button>
      )}
      {error && <span className="inline-error" role="alert">{error}</span>}
    </nav>
  );
}
