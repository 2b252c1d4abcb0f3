/** Options and data shapes shared by the chart-spec builders. */
import type { ChartTheme } from './theme';

export interface GroupLabels {
  participants: string;
  comparison: string;
}

export const DEFAULT_LABELS: GroupLabels = { participants: 'Participants', comparison: 'Comparison group' };

export interface ChartOptions {
  theme?: ChartTheme;
  /** Cells with fewer people are drawn as "fewer than N" [5]; pass the analysis config's minGroupSize. */
  minGroupSize?: number;
  /** Confidence level of the intervals in the result [0.95]; only used in words. */
  confidence?: number;
  /** Plot width in pixels [520]. */
  width?: number;
  /** Overrides the generated title (which states the finding). */
  title?: string;
  subtitle?: string | string[];
  labels?: Partial<GroupLabels>;
  /** Text shown instead of the chart when there is nothing to draw. */
  emptyMessage?: string;
}

/** Charts of a measured outcome (performance rating, survey score). */
export interface MeasureOptions extends ChartOptions {
  /** What was measured, in words: "performance rating" [score]. */
  measure?: string;
  /** Unit for axis titles: "1–5 scale". */
  unit?: string;
  /** Fixed value-axis domain, e.g. the scale [1, 5]; default fits the data. */
  domain?: [number, number];
  /** Measurement windows, for the period labels (AnalysisConfig). */
  windows?: { preDays: number; postStartDays: number; postEndDays: number };
}

/**
 * One group's full Kaplan–Meier curve, one entry per distinct observed time
 * (the engine's `kaplanMeierCurve` output has this shape). null bounds where
 * survival is 0. `suppressed` (or n below minGroupSize) hides the group.
 */
export interface KmCurveData {
  n: number;
  time: number[];
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  survival: number[];
  lower: (number | null)[];
  upper: (number | null)[];
  suppressed?: boolean;
}

export type TableCell = string | number | null;

export interface TableColumn {
  key: string;
  title: string;
  /** How the table view shows the number; CSV keeps full precision. */
  format?: 'text' | 'integer' | 'number' | 'signed' | 'percent' | 'p';
}

/** A chart's data as a table: its text alternative and its CSV. Suppressed cells hold "fewer than N". */
export interface ChartTable {
  caption: string;
  columns: TableColumn[];
  rows: Record<string, TableCell>[];
}
