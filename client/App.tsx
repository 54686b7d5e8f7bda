import { BoardPage } from './board/BoardPage.js';
import { Home } from './home/Home.js';
import { JoinPage } from './join/JoinPage.js';
import { ProjectorPage } from './projector/ProjectorPage.js';
import { useI18n } from './i18n/I18nProvider.js';
import { navigate, parseRoute, usePathname } from './router.js';

function NotFound() {
  const { t } = useI18n();
  return (
    <main className="page-center">
      <div className="problem problem-page" role="alert">
        <h1 className="problem-title">{t('route.notFound.title')}</h1>
        <p className="problem-body">{t('route.notFound.body')}</p>
        <div className="problem-actions">
          <a className="btn btn-primary" href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>
            {t('problem.goHome')}
          </a>
        </div>
      </div>
    </main>
  );
}

export function App() {
  const route = parseRoute(usePathname());
  switch (route.page) {
    case 'home':
      return <Home />;
    case 'board':
      return <BoardPage key={route.boardId} boardId={route.boardId} />;
    case 'projector':
      return <ProjectorPage key={route.boardId} boardId={route.boardId} />;
    case 'join':
      return route.code ? <JoinPage key={route.code} code={route.code} /> : <JoinPage />;
    default:
      return <NotFound />;
  }
}
