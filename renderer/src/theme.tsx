import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ChartTheme } from '../../shared/charts/theme';

const STORAGE_KEY = 'mentor-impact.theme';

/** The remembered theme, else the system's preference. */
export function initialTheme(): ChartTheme {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // storage can be unavailable (privacy settings): fall through
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Sets the theme on <html> (CSS variables and native controls follow it). */
export function applyTheme(theme: ChartTheme): void {
  const root = document.documentElement;
  root.dataset['theme'] = theme;
  root.style.colorScheme = theme;
}

interface ThemeState {
  theme: ChartTheme;
  setTheme(theme: ChartTheme): void;
  toggle(): void;
}

const ThemeContext = createContext<ThemeState | null>(null);

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState<ChartTheme>(initialTheme);
  useEffect(() => applyTheme(theme), [theme]);
  const setTheme = useCallback((t: ChartTheme) => {
    setThemeState(t);
    try {
      window.localStorage.setItem(STORAGE_KEY, t);
    } catch {
      // not remembered, still applied
    }
  }, []);
  const value = useMemo<ThemeState>(() => ({ theme, setTheme, toggle: () => setTheme(theme === 'dark' ? 'light' : 'dark') }), [theme, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeState {
  const state = useContext(ThemeContext);
  if (!state) throw new Error('useTheme outside ThemeProvider');
  return state;
}
