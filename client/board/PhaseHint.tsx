import type { VotingStatus } from '../../shared/criteria.js';
import type { Phase } from '../../shared/phases.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Modes } from '../sync/useModes.js';
import { MaskIcon, QuietIcon } from '../ui/sessionIcons.js';

interface Props {
  phase: Phase;
  facilitator: boolean;
  modes: Modes;
  locked: boolean;
  /** In the Vote phase what people can do depends on the round: open, closed, revealed. */
  voting: VotingStatus;
}

/** What the current phase lets this person do, in one line, with the modes that change it. */
export function PhaseHint({ phase, facilitator, modes, locked, voting }: Props) {
  const { t } = useI18n();
  const round = phase === 'vote' && voting !== 'open' ? (voting === 'revealed' ? t('phaseHelp.voteRevealed') : t('phaseHelp.voteClosed')) : null;
  const text = facilitator ? t(`phaseHelp.facilitator.${phase}`) : locked ? t('reason.locked') : (round ?? t(`phaseHelp.${phase}`));
  return (
    <p className="phase-hint" data-testid="phase-hint" data-phase={phase}>
      <strong className="phase-hint-phase">{t(`phase.${phase}`)}</strong>
      <span className="phase-hint-text">{text}</span>
      {modes.silent && (
        <span className="mode-chip mode-chip-silent" data-testid="mode-silent">
          <QuietIcon />
          {t('modes.silentChip')}
        </span>
      )}
      {modes.anonymous && (
        <span className="mode-chip" data-testid="mode-anonymous">
          <MaskIcon />
          {t('modes.anonymousChip')}
        </span>
      )}
    </p>
  );
}
