/**
 * The one component that draws a chart: vega-embed with the expression interpreter
 * (top-level `ast: true`, so the strict CSP needs no 'unsafe-eval'), no actions menu
 * (its "Open in Vega Editor" would post the data to a web page), the SVG renderer,
 * and no injected stylesheets (the app's CSS styles the tooltip). Vega is loaded on
 * first use, in its own chunk.
 */
import { useEffect, useRef, useState } from 'react';
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartTheme } from '../../../shared/charts/theme';

type EmbedModules = {
  embed: typeof import('vega-embed').default;
  expressionInterpreter: typeof import('vega-interpreter').expressionInterpreter;
};

let modules: Promise<EmbedModules> | null = null;

function loadVega(): Promise<EmbedModules> {
  modules ??= Promise.all([import('vega-embed'), import('vega-interpreter')]).then(([e, i]) => ({ embed: e.default, expressionInterpreter: i.expressionInterpreter }));
  return modules;
}

export interface VegaChartProps {
  spec: TopLevelSpec;
  /** Accessible name of the figure: what the chart shows. */
  label: string;
  theme: ChartTheme;
  /** Called after each render with the view and the total drawn width in pixels. */
  onRender?(view: View, width: number): void;
  onError?(message: string): void;
}

export function VegaChart({ spec, label, theme, onRender, onError }: VegaChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const callbacks = useRef({ onRender, onError });
  useEffect(() => {
    callbacks.current = { onRender, onError };
  });
  // Re-embed only when the spec's content changes, not on every render.
  const key = JSON.stringify(spec);

  useEffect(() => {
    let cancelled = false;
    let finalize: (() => void) | null = null;
    void (async () => {
      try {
        const { embed, expressionInterpreter } = await loadVega();
        if (cancelled || !ref.current) return;
        const result = await embed(ref.current, JSON.parse(key) as TopLevelSpec, {
          ast: true,
          expr: expressionInterpreter,
          actions: false,
          renderer: 'svg',
          defaultStyle: false,
          tooltip: { theme: theme === 'dark' ? 'dark' : 'light', disableDefaultStyle: true, offsetX: 12, offsetY: 12 },
          logLevel: 1, // errors only; Vega-Lite's warnings are for the spec tests
        });
        finalize = result.finalize;
        if (cancelled) {
          result.finalize();
          return;
        }
        const svg = ref.current?.querySelector('svg');
        svg?.setAttribute('aria-label', label);
        svg?.setAttribute('role', 'img');
        setState('ready');
        callbacks.current.onRender?.(result.view, Number(svg?.getAttribute('width') ?? 0));
      } catch (err) {
        if (cancelled) return;
        setState('error');
        callbacks.current.onError?.(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [key, theme, label]);

  return (
    <div className="vega-chart" data-state={state}>
      <div ref={ref} className="vega-host" />
      {state === 'loading' && <div className="chart-skeleton" aria-hidden="true" />}
    </div>
  );
}
