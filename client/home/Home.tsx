import { useEffect, useState, type FormEvent } from 'react';
import { saveAccess } from '../access/accessStore.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { boardPath, navigate } from '../router.js';
import { createBoard } from '../sync/boardApi.js';
import { PlusIcon } from '../ui/icons.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';

type Status = 'idle' | 'busy' | 'failed' | 'needs-key';

export function Home() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<Status>('idle');
  const [instanceKey, setInstanceKey] = useState('');
  const [needsKey, setNeedsKey] = useState(false);

  useEffect(() => {
    document.title = `${t('app.name')} — ${t('app.tagline')}`;
  }, [t]);

  const start = async (e?: FormEvent) => {
    e?.preventDefault();
    setStatus('busy');
    const res = await createBoard({ lang, ...(needsKey ? { instanceKey } : {}) });
    if (res.kind === 'created') {
      // Whoever creates the board facilitates it; the token is what proves it to the server.
      saveAccess(res.id, res.facilitatorToken, null, res.projectorToken);
      navigate(boardPath(res.id));
      return;
    }
    if (res.kind === 'needs-key') setNeedsKey(true);
    setStatus(res.kind);
  };

  return (
    <div className="home">
      <header className="home-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main className="home-main">
        <h1 className="home-title">{t('app.name')}</h1>
        <p className="home-tagline">{t('app.tagline')}</p>
        <form className="home-actions" onSubmit={(e) => void start(e)}>
          {needsKey && (
            <label className="field">
              <span className="field-label">{t('home.instanceKey')}</span>
              <input
                type="password"
                autoComplete="off"
                value={instanceKey}
                onChange={(e) => setInstanceKey(e.target.value)}
                required
              />
            </label>
          )}
          <button type="submit" className="btn btn-primary btn-large" data-testid="new-board" disabled={status === 'busy'} aria-busy={status === 'busy'}>
            <PlusIcon />
            {status === 'busy' ? t('home.creating') : t('home.newBoard')}
          </button>
          <a className="btn btn-large" href="/join" data-testid="join-link" onClick={(e) => { e.preventDefault(); navigate('/join'); }}>
            {t('home.join')}
          </a>
        </form>
        {status === 'failed' && <p className="home-error" role="alert">{t('home.createFailed')}</p>}
        {status === 'needs-key' && <p className="home-error" role="alert">{t('home.needsKey')}</p>}
        <ul className="home-points">
          <li>{t('home.point1')}</li>
          <li>{t('home.point2')}</li>
          <li>{t('home.point3')}</li>
        </ul>
        <p className="home-privacy">{t('home.privacy')}</p>
      </main>
    </div>
  );
}
