/**
 * Charts of the report: the app's own Vega-Lite specs (shared/charts), rendered to
 * vector SVG in Node by Vega (`renderer: 'none'` + `view.toSVG()`): no canvas, no
 * network, no eval (expressions run in vega-interpreter). The report's font replaces
 * the app's system font, and Vega measures text with that font's real advance widths
 * (fonts/metrics.ts) instead of its rough estimate, so labels, legends and the SVG's
 * size fit what Chromium draws.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { ADVANCE_EM, METRIC_CHARS } from './fonts/metrics';

export const REPORT_FONT = "'Source Sans 3', 'Helvetica Neue', Arial, sans-serif";

const INDEX = new Map([...METRIC_CHARS].map((c, i) => [c, i]));
const AVERAGE: Record<400 | 600 | 700, number> = {
  400: mean(ADVANCE_EM[400].slice(0x41 - 0x20, 0x7b - 0x20)),
  600: mean(ADVANCE_EM[600].slice(0x41 - 0x20, 0x7b - 0x20)),
  700: mean(ADVANCE_EM[700].slice(0x41 - 0x20, 0x7b - 0x20)),
};

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

function weightOf(w: number | string | undefined): 400 | 600 | 700 {
  const n = w === 'bold' || w === 'bolder' ? 700 : typeof w === 'number' ? w : Number(w) || 400;
  return n >= 650 ? 700 : n >= 550 ? 600 : 400;
}

/** Width in pixels of `text` set in the report font (Vega's textMetrics.width signature). */
export function textWidth(item: TextItem, text: unknown): number {
  const s = text == null ? '' : String(text).trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const w = weightOf(item.fontWeight);
  const table = ADVANCE_EM[w];
  let em = 0;
  for (const c of s) {
    const i = INDEX.get(c);
    em += i === undefined ? AVERAGE[w] : table[i]!;
  }
  const width = em * size;
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}

interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

let runtime: Promise<typeof import('./vegaRuntime')> | null = null;
/** Loaded on the first chart (vegaRuntime.ts). */
const loadVega = () => (runtime ??= import('./vegaRuntime'));

/** The spec with the report font in every text role. */
function withReportFont(spec: TopLevelSpec): TopLevelSpec {
  const plain = JSON.parse(JSON.stringify(spec)) as TopLevelSpec & { config?: Config };
  const config: Config = { ...(plain.config ?? {}) };
  config.font = REPORT_FONT;
  if (config.text) config.text = { ...config.text, font: REPORT_FONT };
  plain.config = config;
  return plain;
}

export interface RenderedChart {
  svg: string;
  width: number;
  height: number;
}

const quiet = {
  level: () => quiet,
  warn: () => quiet,
  info: () => quiet,
  debug: () => quiet,
  error: (...args: unknown[]) => {
    throw new Error(args.map(String).join(' '));
  },
};

/** Compiles and renders one spec to an SVG string sized to its content. */
export async function renderChartSvg(spec: TopLevelSpec): Promise<RenderedChart> {
  const { vega, compile, expressionInterpreter } = await loadVega();
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  const compiled = compile(withReportFont(spec), { logger: quiet as never });
  const parsed = vega.parse(compiled.spec, undefined, { ast: true });
  const previous = metrics.width;
  metrics.width = textWidth;
  const view = new vega.View(parsed, { renderer: 'none', expr: expressionInterpreter as never, logLevel: vega.None });
  try {
    const svg = await view.toSVG();
    const m = /^<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    return { svg, width: m ? Number(m[1]) : 0, height: m ? Number(m[2]) : 0 };
  } finally {
    view.finalize();
    metrics.width = previous;
  }
}
