/** The two measured outcomes, with the words and chart options their pages use. */
import type { AnalysisConfig } from '../../../shared/analysis';
import type { MeasureOptions } from '../../../shared/charts/types';

export type MeasureKind = 'performance' | 'survey';

export interface MeasureInfo {
  kind: MeasureKind;
  /** Section heading. */
  label: string;
  /** In sentences: "performance rating". */
  measure: string;
  /** Chart options for this measure (value axis, windows). */
  chart(config: AnalysisConfig): Pick<MeasureOptions, 'measure' | 'unit' | 'domain' | 'windows'>;
}

const windows = (c: AnalysisConfig) => ({ preDays: c.preDays, postStartDays: c.postStartDays, postEndDays: c.postEndDays });

export const MEASURES: MeasureInfo[] = [
  {
    kind: 'performance',
    label: 'Performance rating',
    measure: 'performance rating',
    chart: (c) => ({ measure: 'performance rating', windows: windows(c) }),
  },
  {
    kind: 'survey',
    label: 'Engagement survey score',
    measure: 'survey score',
    chart: (c) => ({ measure: 'survey score', unit: `${c.survey.scaleMin}–${c.survey.scaleMax} scale`, windows: windows(c) }),
  },
];
