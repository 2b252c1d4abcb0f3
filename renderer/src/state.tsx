import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { AppInfo } from '../../shared/api';
import type { ProjectInfo } from '../../shared/domain';
import type { ApiError, Result } from '../../shared/result';
import { api } from './api/client';

interface AppState {
  info: AppInfo | null;
  project: ProjectInfo | null;
  /** Set when the app could not even reach the engine. */
  loadError: ApiError | null;
  /** Re-reads app info (project, table counts, recent projects). */
  refresh(): Promise<void>;
  /** What a project action (open, create, sample) is doing now: its key, or null. */
  busy: string | null;
  /** The last project action's error, shown on the Projects page. */
  projectError: ApiError | null;
  setProjectError(error: ApiError | null): void;
  /** Runs one project action at a time and makes its project current; true on success. */
  runProjectAction(key: string, call: () => Promise<Result<ProjectInfo>>): Promise<boolean>;
}

const AppStateContext = createContext<AppState | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [projectError, setProjectError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    const res = await api.getAppInfo({});
    if (res.ok) {
      setInfo(res.value);
      setLoadError(null);
    } else {
      setLoadError(res.error);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const runProjectAction = useCallback(
    async (key: string, call: () => Promise<Result<ProjectInfo>>) => {
      setBusy(key);
      setProjectError(null);
      try {
        const res = await call();
        if (!res.ok) {
          setProjectError(res.error);
          return false;
        }
        const project = res.value;
        setInfo((prev) => (prev ? { ...prev, project } : prev));
        await refresh();
        return true;
      } finally {
        setBusy(null);
      }
    },
    [refresh],
  );

  const value = useMemo<AppState>(
    () => ({ info, project: info?.project ?? null, loadError, refresh, busy, projectError, setProjectError, runProjectAction }),
    [info, loadError, refresh, busy, projectError, runProjectAction],
  );
  return <AppStateContext.Provider value={value}>{children}</AppStateContext.Provider>;
}

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}
