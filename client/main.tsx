import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { I18nProvider } from './i18n/I18nProvider.js';
import { parseRoute } from './router.js';
import { pageAccess } from './access/accessStore.js';
import { prefetchBoard } from './sync/boardApi.js';
import { openEarlySession } from './sync/earlySession.js';
import './styles.css';

const route = parseRoute(location.pathname);
if (route.page === 'board' || route.page === 'projector') prefetchBoard(route.boardId);
if (route.page === 'board') openEarlySession(route.boardId, pageAccess(route.boardId));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
