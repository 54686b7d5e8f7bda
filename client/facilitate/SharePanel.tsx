import { useEffect, useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { formatJoinCode } from '../../shared/joincode.js';
import type { Team } from '../../shared/schema.js';
import { rotateJoinCode } from '../access/commands.js';
import type { LiveSession } from '../access/useSessionInfo.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { projectorPath } from '../router.js';
import { CopyButton } from '../ui/CopyButton.js';
import { Dialog } from '../ui/Dialog.js';
import { ExternalIcon } from '../ui/icons.js';
import { DeleteBoard } from './DeleteBoard.js';
import { ParticipantList } from './ParticipantList.js';

interface Props {
  boardId: BoardId;
  token: string;
  projectorToken: string | null;
  session: LiveSession;
  teams: readonly Team[];
  online: ReadonlySet<string>;
  anonymous: boolean;
  onClose: () => void;
}

/** Everything a facilitator hands out: the code for the room, the projector link, their own link. */
export function SharePanel({ boardId, token, projectorToken, session, teams, online, anonymous, onClose }: Props) {
  const { t } = useI18n();
  const [rotating, setRotating] = useState(false);
  const [rotateFailed, setRotateFailed] = useState(false);
  const { info, refresh } = session;

  // Opening the panel is when the facilitator looks at who joined: make it current.
  useEffect(() => refresh(), [refresh]);

  const joinUrl = info?.joinUrl ? `${location.origin}${info.joinUrl}` : null;
  const projectorUrl = projectorToken ? `${location.origin}${projectorPath(boardId)}#k=${projectorToken}` : null;
  // The facilitator link carries the projector token too, so a second device can share both.
  const facilitatorUrl = `${location.origin}/b/${boardId}#f=${token}${projectorToken ? `&k=${projectorToken}` : ''}`;

  const rotate = async () => {
    setRotating(true);
    setRotateFailed(false);
    const code = await rotateJoinCode(boardId, token);
    setRotating(false);
    setRotateFailed(code === null);
    refresh();
  };

  return (
    <Dialog title={t('share.title')} onClose={onClose} testId="share-panel" className="share-dialog">
      <div className="share-grid">
        <section className="share-join" aria-labelledby="share-join-h">
          <h3 id="share-join-h" className="share-heading">{t('share.joinHeading')}</h3>
          {info?.joinCode ? (
            <>
              <p className="share-code" data-testid="share-join-code" aria-label={t('share.codeSpoken', { code: info.joinCode.split('').join(' ') })}>
                {formatJoinCode(info.joinCode)}
              </p>
              <img className="share-qr" src={`/api/join/${info.joinCode}/qr.svg`} alt={t('share.qrAlt')} width={200} height={200} />
              <p className="share-url" data-testid="share-join-url">{joinUrl}</p>
              <div className="share-actions">
                {joinUrl && <CopyButton text={joinUrl} label={t('share.copyJoin')} testId="copy-join-link" />}
                <button type="button" className="btn btn-small" data-testid="rotate-code" disabled={rotating} onClick={() => void rotate()}>
                  {rotating ? t('share.rotating') : t('share.rotate')}
                </button>
              </div>
              <p className="share-note">{t('share.rotateHint')}</p>
              {rotateFailed && <p className="inline-error" role="alert">{t('share.rotateFailed')}</p>}
            </>
          ) : (
            <p className="share-note" role="status">{t('share.loading')}</p>
          )}
        </section>

        <section className="share-links" aria-labelledby="share-links-h">
          <h3 id="share-links-h" className="share-heading">{t('share.projectorHeading')}</h3>
          {projectorUrl ? (
            <>
              <p className="share-note">{t('share.projectorHint')}</p>
              <div className="share-actions">
                <CopyButton text={projectorUrl} label={t('share.copyProjector')} testId="copy-projector-link" />
                <a className="btn btn-small" data-testid="open-projector" href={projectorUrl} target="_blank" rel="noopener noreferrer">
                  <ExternalIcon />
                  {t('share.openProjector')}
                </a>
              </div>
            </>
          ) : (
            <p className="share-note">{t('share.projectorMissing')}</p>
          )}

          <h3 className="share-heading">{t('share.facilitatorHeading')}</h3>
          <p className="share-warning">{t('share.facilitatorWarning')}</p>
          <div className="share-actions">
            <CopyButton text={facilitatorUrl} label={t('share.copyFacilitator')} testId="copy-facilitator-link" />
          </div>

          <h3 className="share-heading">{t('participants.heading')}</h3>
          {info ? (
            <ParticipantList boardId={boardId} token={token} participants={info.participants} teams={teams} online={online} anonymous={anonymous} onChanged={refresh} />
          ) : (
            <p className="share-note" role="status">{t('share.loading')}</p>
          )}

          <DeleteBoard boardId={boardId} token={token} />
        </section>
      </div>
    </Dialog>
  );
}
