import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/antd.css';
import { languageReady } from './i18n';
import './styles.css';
import { App, firstLoad } from './App';

/**
 * The longest the first render waits for the page's code and the session (first-load.ts), and
 * for the English texts if this browser chose English; on a slow network the spinners show after
 * this instead of a blank page.
 */
const FIRST_RENDER_WAIT_MS = 1000;

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

void Promise.race([Promise.all([firstLoad, languageReady]), new Promise((resolve) => window.setTimeout(resolve, FIRST_RENDER_WAIT_MS))]).then(render);
