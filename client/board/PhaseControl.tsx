import { useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { isPhase, PHASES, type Phase } from '../../shared/phases.js';
import { runCommand } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';

interface Props {
  boardId: BoardId;
  phase: Phase;
  /** Only the facilitator gets a control; everyone else sees where the session is. */
  token: string | null;
}

/**
 * The workshop phase. Changing it is a facilitator command on the server (which writes meta
 * and broadcasts it), so the select shows the document's phase, not a local guess.
 */
export function PhaseControl({ boardId, phase, token }: Props) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);

  if (!token) {
    return (
      <span className="phase-chip" data-testid="phase" data-phase={phase}>
        <span className="visually-hidden">{t('phase.label')}: </span>
        {t(`phase.${phase}`)}
      </span>
    );
  }

  const change = async (next: string) => {
    if (!isPhase(next) || next === phase) return;
    setFailed(false);
    setFailed((await runCommand(boardId, token, { type: 'setPhase', phase: next })) === null);
  };

  return (
    <label className="phase-select">
      <span className="visually-hidden">{t('phase.label')}</span>
      <select data-testid="phase" data-phase={phase} value={phase} onChange={(e) => void change(e.target.value)}>
        {PHASES.map((p, i) => (
          <option key={p} value={p}>
            {i + 1}. {t(`phase.${p}`)}
          </option>
        ))}
      </select>
      {failed && <span className="phase-error" role="alert">{t('phase.changeFailed')}</span>}
    </label>
  );
}
