/** Pieces every builder uses: resolved options, titles, tooltips, and the "No data" / "fewer than N" specs. */
import type { TopLevelSpec } from 'vega-lite';
import { wrap } from './text';
import { chartConfig, palette } from './theme';
import type { ChartPalette, ChartTheme } from './theme';
import { DEFAULT_LABELS } from './types';
import type { ChartOptions, ChartTable, GroupLabels } from './types';

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface Resolved {
  theme: ChartTheme;
  pal: ChartPalette;
  minGroupSize: number;
  confidence: number;
  width: number;
  labels: GroupLabels;
}

export function resolve(o: ChartOptions = {}): Resolved {
  const theme = o.theme ?? 'light';
  return {
    theme,
    pal: palette(theme),
    minGroupSize: o.minGroupSize ?? 5,
    confidence: o.confidence ?? 0.95,
    width: o.width ?? 520,
    labels: { ...DEFAULT_LABELS, ...o.labels },
  };
}

/** A Vega-Lite title: the finding as the title, details as subtitle lines, wrapped to the chart width. */
export function title(text: string, subtitle: string | string[] | undefined, width: number) {
  // The chart is about 90 px wider than its plot (axis labels); ~8.5 px per title and ~6.3 px per subtitle character.
  const maxTitle = Math.max(30, Math.floor((width + 90) / 8.5));
  const maxSub = Math.max(40, Math.floor((width + 90) / 6.3));
  const subs = (Array.isArray(subtitle) ? subtitle : subtitle ? [subtitle] : []).flatMap((s) => wrap(s, maxSub));
  const lines = wrap(text, maxTitle);
  return {
    text: lines.length > 1 ? lines : (lines[0] ?? ''),
    ...(subs.length ? { subtitle: subs.length > 1 ? subs : subs[0]! } : {}),
  };
}

/** Tooltip entry for a pre-formatted string field (formatting is done here, not in Vega expressions). */
export const tip = (field: string, titleText: string) => ({ field, title: titleText, type: 'nominal' as const });

/** The spec shown instead of a chart: "No data …" or "Not shown: fewer than 5 …". Renders, never throws. */
export function messageSpec(
  heading: string,
  message: string,
  o: ChartOptions,
  table: ChartTable,
  kind: 'empty' | 'suppressed' = 'empty',
): TopLevelSpec {
  const r = resolve(o);
  const lines = wrap(message, Math.max(30, Math.floor(r.width / 7.2)));
  return {
    $schema: SCHEMA,
    title: title(o.title ?? heading, o.subtitle, r.width),
    width: r.width,
    height: 40 + 18 * lines.length,
    data: { values: [{ message: lines.length > 1 ? lines : (lines[0] ?? ''), kind }] },
    mark: { type: 'text', fontSize: 14, color: r.pal.muted, fontStyle: kind === 'suppressed' ? 'italic' : 'normal', lineHeight: 18, baseline: 'middle' },
    encoding: {
      text: { field: 'message', type: 'nominal' },
      x: { value: r.width / 2 },
      y: { value: 20 + 9 * lines.length },
      tooltip: { field: 'message', type: 'nominal' },
    },
    config: chartConfig(r.theme),
    usermeta: { table, state: kind },
  };
}

export const noData = (heading: string, message: string | undefined, o: ChartOptions, table: ChartTable): TopLevelSpec =>
  messageSpec(heading, o.emptyMessage ?? message ?? 'No data', o, table, 'empty');

/** Common top-level properties. */
export function frame(r: Resolved, table: ChartTable) {
  return { $schema: SCHEMA, config: chartConfig(r.theme), usermeta: { table } };
}

/** A y-axis title written horizontally above the axis: long titles never outgrow the plot, and read without tilting the head. */
export const HORIZONTAL_Y_TITLE = { titleAngle: 0, titleAlign: 'left', titleBaseline: 'bottom', titleY: -10, titleX: 0, titlePadding: 0 } as const;
