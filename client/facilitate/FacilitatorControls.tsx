import { useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import type { Team } from '../../shared/schema.js';
import type { LiveSession } from '../access/useSessionInfo.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ShareIcon, TeamsIcon } from '../ui/icons.js';
import { LockToggle } from './LockToggle.js';
import { SharePanel } from './SharePanel.js';
import { TeamsEditor } from './TeamsEditor.js';

interface Props {
  boardId: BoardId;
  token: string;
  projectorToken: string | null;
  locked: boolean;
  teams: readonly Team[];
  session: LiveSession;
  online: ReadonlySet<string>;
  anonymous: boolean;
}

/** The facilitator's header buttons and the panels they open. */
export function FacilitatorControls(p: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState<'share' | 'teams' | null>(null);
  const close = () => setOpen(null);

  return (
    <div className="facilitator-controls">
      <LockToggle boardId={p.boardId} token={p.token} locked={p.locked} />
      <button type="button" className="btn btn-small facilitator-button" data-testid="teams-open" onClick={() => setOpen('teams')} title={t('teams.open')}>
        <TeamsIcon />
        <span className="facilitator-button-label">{t('teams.open')}</span>
      </button>
      <button type="button" className="btn btn-small btn-primary share-open" data-testid="share-open" onClick={() => setOpen('share')}>
        <ShareIcon />
        {t('share.open')}
      </button>
      {open === 'share' && (
        <SharePanel
          boardId={p.boardId}
          token={p.token}
          projectorToken={p.projectorToken}
          session={p.session}
          teams={p.teams}
          online={p.online}
          anonymous={p.anonymous}
          onClose={close}
        />
      )}
      {open === 'teams' && <TeamsEditor boardId={p.boardId} token={p.token} teams={p.teams} onClose={close} />}
    </div>
  );
}
