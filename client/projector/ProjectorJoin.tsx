import { formatJoinCode } from '../../shared/joincode.js';
import { useI18n } from '../i18n/I18nProvider.js';

interface Props {
  joinCode: string | null;
  joinUrl: string | null;
}

/** How the room gets in: the code, large enough to read from the back row, its QR code and address. */
export function ProjectorJoin({ joinCode, joinUrl }: Props) {
  const { t } = useI18n();
  // The address is shown without the scheme: shorter to read and type, and every browser adds it back.
  if (!joinCode) {
    return (
      <aside className="projector-join" aria-label={t('projector.joinLabel')}>
        <p className="projector-join-label" role="status">{t('projector.codeLoading')}</p>
      </aside>
    );
  }
  return (
    <aside className="projector-join" aria-label={t('projector.joinLabel')}>
      <p className="projector-join-label">{t('projector.joinCode')}</p>
      <p className="projector-join-code" data-testid="projector-join-code" aria-label={joinCode.split('').join(' ')}>
        {formatJoinCode(joinCode)}
      </p>
      <img className="projector-qr" src={`/api/join/${joinCode}/qr.svg`} alt={t('share.qrAlt')} width={320} height={320} />
      {joinUrl && (
        <>
          <p className="projector-join-label">{t('projector.orGoTo')}</p>
          <p className="projector-join-url" data-testid="projector-join-url">
            {/* A long host name wraps before the path, never inside the code. */}
            {location.host}
            <wbr />
            {joinUrl}
          </p>
        </>
      )}
    </aside>
  );
}
