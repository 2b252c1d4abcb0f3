/**
 * A chart as the pages show it: drawn to the width it has (the plot is resized until
 * axis labels and side labels fit), in the current theme, with Save PNG / Save SVG,
 * Copy CSV / Save CSV (formula-safe, from the spec's own table) and a table view as
 * its text alternative.
 */
import { useEffect, useRef, useState } from 'react';
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { AnalysisConfig } from '../../../shared/analysis';
import { chartCsv } from '../../../shared/charts/csv';
import { chartData, tableRows } from '../../../shared/charts/table';
import type { ChartOptions } from '../../../shared/charts/types';
import { useTheme } from '../theme';
import { canvasToBlob, fileStem, saveBlob } from './download';
import { specTitle } from './specTitle';
import { VegaChart } from './VegaChart';

export interface ChartCardProps {
  /** File name for downloads (without extension), e.g. "retention-kaplan-meier". */
  name: string;
  /** Builds the spec for the plot width and theme ChartCard passes. */
  build(options: ChartOptions): TopLevelSpec;
  /** minGroupSize and confidence of the analysis, for the builders' words. */
  config?: Pick<AnalysisConfig, 'minGroupSize' | 'confidence'>;
  /** First guess of the room taken by axis and side labels (px) [150]. */
  overhead?: number;
  /** Widest plot worth drawing (px) [860]. */
  maxPlotWidth?: number;
  /** Narrowest plot (px) [220]; a narrower card scales the drawing down. */
  minPlotWidth?: number;
}

const MAX_FIT_PASSES = 3;

function useContainerWidth(): [React.RefObject<HTMLDivElement | null>, number | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setWidth(Math.floor(el.clientWidth)));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
    };
  }, []);
  return [ref, width];
}

export function ChartCard({ name, build, config, overhead: firstGuess = 150, maxPlotWidth = 860, minPlotWidth = 220 }: ChartCardProps) {
  const { theme } = useTheme();
  const [boxRef, boxWidth] = useContainerWidth();
  const [fit, setFit] = useState({ overhead: firstGuess, passes: 0, forWidth: 0 });
  const [showTable, setShowTable] = useState(false);
  const [status, setStatus] = useState('');
  const [chartError, setChartError] = useState<string | null>(null);
  const viewRef = useRef<View | null>(null);

  const [ready, setReady] = useState(false);
  const plotWidth = boxWidth ? Math.round(Math.min(maxPlotWidth, Math.max(minPlotWidth, boxWidth - fit.overhead))) : null;
  const spec = plotWidth ? build({ theme, width: plotWidth, minGroupSize: config?.minGroupSize, confidence: config?.confidence }) : null;
  const label = spec ? specTitle(spec) || name : name;

  // A new container width allows new fitting passes.
  useEffect(() => {
    setFit((f) => (f.forWidth === boxWidth ? f : { ...f, passes: 0, forWidth: boxWidth ?? 0 }));
  }, [boxWidth]);

  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => setStatus(''), 4000);
    return () => clearTimeout(t);
  }, [status]);

  function onRender(view: View, drawn: number) {
    viewRef.current = view;
    setReady(true);
    setChartError(null);
    if (!boxWidth || !plotWidth || !drawn) return;
    const tooWide = drawn > boxWidth + 1;
    const roomLeft = drawn < boxWidth - 24 && plotWidth < maxPlotWidth;
    if ((tooWide || roomLeft) && fit.passes < MAX_FIT_PASSES) {
      setFit({ overhead: drawn - plotWidth + 2, passes: fit.passes + 1, forWidth: boxWidth });
    }
  }

  async function savePng() {
    const view = viewRef.current;
    if (!view) return;
    try {
      saveBlob(await canvasToBlob(await view.toCanvas(2)), `${fileStem(name)}.png`);
      setStatus('PNG saved');
    } catch (err) {
      setStatus(`The PNG could not be made: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async function saveSvg() {
    const view = viewRef.current;
    if (!view) return;
    try {
      saveBlob(new Blob([await view.toSVG()], { type: 'image/svg+xml' }), `${fileStem(name)}.svg`);
      setStatus('SVG saved');
    } catch (err) {
      setStatus(`The SVG could not be made: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function saveCsv() {
    if (!spec) return;
    saveBlob(new Blob([chartCsv(spec, { bom: true })], { type: 'text/csv;charset=utf-8' }), `${fileStem(name)}.csv`);
    setStatus('CSV saved');
  }

  async function copyCsv() {
    if (!spec) return;
    try {
      await navigator.clipboard.writeText(chartCsv(spec));
      setStatus('Data copied as CSV');
    } catch {
      setStatus('The clipboard is not available here: use Save CSV.');
    }
  }

  const table = spec ? chartData(spec) : null;
  const rows = spec ? tableRows(spec, { formatted: true }) : [];
  const hasData = !!table && table.rows.length > 0;

  return (
    <figure className="chart-card" data-chart={name} aria-label={label}>
      <div ref={boxRef} className="chart-box">
        {spec && <VegaChart spec={spec} label={label} theme={theme} onRender={onRender} onError={setChartError} />}
        {chartError && (
          <p className="alert alert-error" role="alert">
            This chart could not be drawn ({chartError}). Its numbers are in the table.
          </p>
        )}
      </div>
      <figcaption className="chart-tools">
        <div className="chart-actions" role="group" aria-label={`Export ${label}`}>
          <button type="button" className="btn btn-xs" onClick={() => void savePng()} disabled={!ready}>
            Save PNG
          </button>
          <button type="button" className="btn btn-xs" onClick={() => void saveSvg()} disabled={!ready}>
            Save SVG
          </button>
          <button type="button" className="btn btn-xs" onClick={() => void copyCsv()} disabled={!hasData}>
            Copy CSV
          </button>
          <button type="button" className="btn btn-xs" onClick={saveCsv} disabled={!hasData}>
            Save CSV
          </button>
          <button type="button" className="btn btn-xs" aria-expanded={showTable} onClick={() => setShowTable((s) => !s)} disabled={!hasData}>
            {showTable ? 'Hide table' : 'Table'}
          </button>
        </div>
        <span className="chart-status" role="status" aria-live="polite">
          {status}
        </span>
      </figcaption>
      {showTable && table && rows.length > 0 && (
        <div className="chart-table grid-scroll" role="region" aria-label={`Table: ${table.caption}`} tabIndex={0}>
          <table className="grid">
            <caption>{table.caption}</caption>
            <thead>
              <tr>
                {rows[0]!.map((h, i) => (
                  <th key={i} scope="col" className={i > 0 ? 'num' : undefined}>
                    {String(h)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(1).map((row, r) => (
                <tr key={r}>
                  {row.map((v, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {String(v ?? '')}
                      </th>
                    ) : (
                      <td key={i} className="num">
                        {v === null || v === '' ? <span className="null-cell">—</span> : String(v)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
