import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AnalysisProvider } from './analysis/AnalysisProvider';
import { AppStateProvider } from './state';
import { ThemeProvider, applyTheme, initialTheme } from './theme';
import './styles.css';

// Before the first paint: no flash of the wrong theme (no inline script under the CSP).
applyTheme(initialTheme());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ThemeProvider>
      <AppStateProvider>
        <AnalysisProvider>
          <App />
        </AnalysisProvider>
      </AppStateProvider>
    </ThemeProvider>
  </StrictMode>,
);
