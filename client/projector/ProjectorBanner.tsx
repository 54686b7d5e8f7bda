import type { VotingSettings } from '../../shared/criteria.js';
import type { Phase } from '../../shared/phases.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Modes } from '../sync/useModes.js';
import { FollowIcon, MaskIcon, QuietIcon } from '../ui/sessionIcons.js';
import { CriterionBadge } from '../voting/CriterionBadge.js';

/** One line over the projected board: what the room is doing now, in words (and the criteria while voting). */
export function ProjectorBanner({ phase, modes, voting, following }: { phase: Phase; modes: Modes; voting: VotingSettings; following: boolean }) {
  const { t, tn } = useI18n();
  const voteOpen = phase === 'vote' && voting.status === 'open';
  return (
    <div className="projector-banner" data-testid="projector-banner">
      {modes.silent && (
        <span className="projector-mode"><QuietIcon />{t('modes.silentChip')}</span>
      )}
      {following && (
        <span className="projector-mode projector-following" data-testid="projector-following"><FollowIcon />{t('projector.following')}</span>
      )}
      {modes.anonymous && (
        <span className="projector-mode"><MaskIcon />{t('modes.anonymousChip')}</span>
      )}
      <span className="projector-banner-text">{modes.silent && phase === 'brainstorm' ? t('projector.silentHint') : voteOpen ? t('projector.voteOpen') : t(`phaseHelp.${phase}`)}</span>
      {voteOpen && (
        <span className="projector-criteria">
          {voting.criteria.map((c) => (
            <span key={c.id} className="projector-criterion">
              <CriterionBadge criterion={c} withName size="lg" />
              {voting.mode === 'dots' && <span className="projector-criterion-budget">{tn('criteria.votesEach', c.budget)}</span>}
            </span>
          ))}
        </span>
      )}
    </div>
  );
}
