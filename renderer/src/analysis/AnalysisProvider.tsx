/**
 * The analysis every results page shows, shared so that moving between pages costs
 * nothing: the project's saved filters, the filter choices, and the result for the
 * current selection. The engine runs outside the renderer (main process or server);
 * here requests are coalesced and out-of-date answers dropped (latestRunner), and a
 * request that takes longer than a moment is reported as slow.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { AnalysisResult, DateRange } from '../../../shared/analysis';
import type { AnalysisConfigInput } from '../../../shared/api';
import type { ApiError, Result } from '../../../shared/result';
import { api } from '../api/client';
import { useAppState } from '../state';
import { EMPTY_SELECTION, analysisConfig, cleanRange, filterOptionsFromList, selectionFrom, selectionKey, settingsWith } from './filterModel';
import type { FilterOptions, Selection } from './filterModel';
import { createLatestRunner } from './latestRunner';

/** After this long a request counts as slow: the UI says "Analysing…". */
export const SLOW_AFTER_MS = 300;
/** Filter clicks within this window become one request. */
const DEBOUNCE_MS = 200;

export type AnalysisStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AnalysisState {
  status: AnalysisStatus;
  /** The newest result; kept (dimmed by the pages) while a newer one is computed. */
  result: AnalysisResult | null;
  /** Selection key the result is for. */
  resultKey: string | null;
  error: ApiError | null;
  /** The current request has taken longer than SLOW_AFTER_MS. */
  slow: boolean;
  /** When the current request started (ms since epoch), for an elapsed-time label. */
  startedAt: number | null;
  options: FilterOptions | null;
  selection: Selection;
  /** The filters could not be saved in the project (they still apply now). */
  saveError: ApiError | null;
}

interface AnalysisApi extends AnalysisState {
  setCohorts(cohorts: string[]): void;
  setFilter(column: string, values: string[]): void;
  /** Index dates to keep; {} = all. */
  setDateRange(range: DateRange): void;
  resetFilters(): void;
  /** Runs again (after an error). */
  retry(): void;
  /** Pages call this: the analysis loads on first need, not on app start. */
  ensure(): void;
  /** The saved analysis settings changed (Settings page): load again now, or on next need. */
  reload(): void;
}

const INITIAL: AnalysisState = { status: 'idle', result: null, resultKey: null, error: null, slow: false, startedAt: null, options: null, selection: EMPTY_SELECTION, saveError: null };

const AnalysisContext = createContext<AnalysisApi | null>(null);

interface Request {
  settings: AnalysisConfigInput;
  selection: Selection;
  segmentBy: string[];
}

function unwrap<T>(res: Result<T>): T {
  if (!res.ok) throw res.error;
  return res.value;
}

function asApiError(err: unknown): ApiError {
  if (err && typeof err === 'object' && 'message' in err && 'code' in err) return err as ApiError;
  return { code: 'renderer', message: err instanceof Error ? err.message : String(err) };
}

export function AnalysisProvider({ children }: { children: ReactNode }) {
  const { project } = useAppState();
  const [state, setState] = useState<AnalysisState>(INITIAL);
  const [wanted, setWanted] = useState(false);
  /** Changes whenever the project or its data change (an import updates the row counts). */
  const dataKey = project ? `${project.path}|${project.tables.map((t) => `${t.name}:${t.rows}`).join(',')}` : null;

  const settingsRef = useRef<AnalysisConfigInput>({});
  const segmentByRef = useRef<string[]>([]);
  const loadGen = useRef(0);
  const slowTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const debounceTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loadedKey = useRef<string | null>(null);
  const selectionSeq = useRef(0);

  const startLoading = useCallback(() => {
    if (slowTimer.current) clearTimeout(slowTimer.current);
    slowTimer.current = setTimeout(() => setState((s) => (s.status === 'loading' ? { ...s, slow: true } : s)), SLOW_AFTER_MS);
    setState((s) => ({ ...s, status: 'loading', error: null, slow: false, startedAt: s.status === 'loading' && s.startedAt ? s.startedAt : Date.now() }));
  }, []);

  const finish = useCallback((patch: Partial<AnalysisState>) => {
    if (slowTimer.current) clearTimeout(slowTimer.current);
    setState((s) => ({ ...s, slow: false, startedAt: null, ...patch }));
  }, []);

  const runner = useMemo(
    () =>
      createLatestRunner<Request, Result<AnalysisResult>>(
        (req) => api.analyze({ config: analysisConfig(req.settings, req.selection, req.segmentBy) }),
        (res, req) => {
          if (res.ok) finish({ status: 'ready', result: res.value, resultKey: selectionKey(req.selection), error: null });
          else finish({ status: 'error', error: res.error });
        },
        (err) => finish({ status: 'error', error: asApiError(err) }),
      ),
    [finish],
  );

  const load = useCallback(
    async (key: string) => {
      const gen = ++loadGen.current;
      runner.cancel();
      selectionSeq.current += 1;
      if (debounceTimer.current) clearTimeout(debounceTimer.current);
      loadedKey.current = key;
      setState((s) => ({ ...INITIAL, selection: s.selection, status: 'loading', startedAt: Date.now() }));
      startLoading();
      try {
        const settings = unwrap(await api.getAnalysisSettings({}));
        // The filter choices come straight from the data (every cohort, each attribute's values);
        // the one analysis run is the one for the saved selection.
        const list = unwrap(await api.listFilterOptions({}));
        if (gen !== loadGen.current) return;
        const options = filterOptionsFromList(list);
        const selection = selectionFrom(settings);
        settingsRef.current = settings;
        segmentByRef.current = options.attributes.map((a) => a.column);
        setState((s) => ({ ...s, options, selection }));
        runner.request({ settings, selection, segmentBy: segmentByRef.current });
      } catch (err) {
        if (gen !== loadGen.current) return;
        loadedKey.current = null;
        finish({ status: 'error', error: asApiError(err) });
      }
    },
    [runner, startLoading, finish],
  );

  // Load on first need, and again whenever the project or its data change.
  useEffect(() => {
    if (!dataKey) {
      loadGen.current += 1;
      runner.cancel();
      loadedKey.current = null;
      setState(INITIAL);
      return;
    }
    if (wanted && loadedKey.current !== dataKey) void load(dataKey);
  }, [dataKey, wanted, load, runner]);

  useEffect(
    () => () => {
      if (slowTimer.current) clearTimeout(slowTimer.current);
      if (debounceTimer.current) clearTimeout(debounceTimer.current);
    },
    [],
  );

  const applySelection = useCallback(
    (next: Selection) => {
      setState((s) => ({ ...s, selection: next }));
      startLoading();
      const seq = ++selectionSeq.current;
      if (debounceTimer.current) clearTimeout(debounceTimer.current);
      debounceTimer.current = setTimeout(() => {
        void (async () => {
          // Other settings (survey scale, windows) may have changed elsewhere since the load: keep them.
          const fresh = await api.getAnalysisSettings({});
          if (seq !== selectionSeq.current) return; // a newer selection follows
          const settings = settingsWith(fresh.ok ? fresh.value : settingsRef.current, next);
          settingsRef.current = settings;
          runner.request({ settings, selection: next, segmentBy: segmentByRef.current });
          const saved = await api.saveAnalysisSettings({ config: settings });
          setState((s) => ({ ...s, saveError: saved.ok ? null : saved.error }));
        })();
      }, DEBOUNCE_MS);
    },
    [runner, startLoading],
  );

  const ensure = useCallback(() => setWanted(true), []);

  const value = useMemo<AnalysisApi>(
    () => ({
      ...state,
      setCohorts: (cohorts) => applySelection({ ...state.selection, cohorts }),
      setFilter: (column, values) => applySelection({ ...state.selection, filters: { ...state.selection.filters, [column]: values } }),
      setDateRange: (range) => applySelection({ ...state.selection, dateRange: cleanRange(range) }),
      resetFilters: () => applySelection(EMPTY_SELECTION),
      retry: () => {
        if (!dataKey) return;
        if (!state.options) void load(dataKey);
        else applySelection(state.selection);
      },
      ensure,
      reload: () => {
        loadedKey.current = null;
        if (wanted && dataKey) void load(dataKey);
      },
    }),
    [state, applySelection, load, dataKey, ensure, wanted],
  );
  return <AnalysisContext.Provider value={value}>{children}</AnalysisContext.Provider>;
}

/** Reloads the shared analysis after its settings changed, without loading it on this page. */
export function useAnalysisReload(): () => void {
  const ctx = useContext(AnalysisContext);
  if (!ctx) throw new Error('useAnalysisReload outside AnalysisProvider');
  return ctx.reload;
}

/** The shared analysis; loads it on first use. */
export function useAnalysis(): AnalysisApi {
  const ctx = useContext(AnalysisContext);
  if (!ctx) throw new Error('useAnalysis outside AnalysisProvider');
  const { ensure } = ctx;
  useEffect(() => ensure(), [ensure]);
  return ctx;
}
