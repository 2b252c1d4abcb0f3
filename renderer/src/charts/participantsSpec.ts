/**
 * Who is compared (the Dashboard's first card): per cohort in start order, its
 * participants (blue) and, when the result has per-cohort results, the colleagues it
 * is compared with (vermillion), each bar labelled with its size. A group below
 * minGroupSize reads "fewer than N" instead of a bar. Pure: (population, options) → spec.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CohortSummary } from '../../../shared/analysis';
import { fewerThan, integer } from '../../../shared/format';
import { chartConfig, palette } from '../../../shared/charts/theme';
import { DEFAULT_LABELS } from '../../../shared/charts/types';
import type { ChartOptions, ChartTable, TableCell } from '../../../shared/charts/types';

export interface ParticipantsInput {
  cohorts: CohortSummary[];
  /** Comparison group size per cohort (CohortResult.comparison), when known. */
  comparisonByCohort?: Record<string, number>;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export function buildParticipantsSpec(input: ParticipantsInput, options: ChartOptions = {}): TopLevelSpec {
  const theme = options.theme ?? 'light';
  const pal = palette(theme);
  const labels = { ...DEFAULT_LABELS, ...options.labels };
  const min = options.minGroupSize ?? 5;
  const few = fewerThan(min);
  const width = options.width ?? 420;
  const small = (n: number) => n > 0 && n < min;
  const comparison = input.comparisonByCohort;
  const withComparison = !!comparison && input.cohorts.some((c) => comparison[c.cohort] !== undefined);
  const cell = (n: number | undefined): TableCell => (n === undefined ? null : small(n) ? few : n);

  const table: ChartTable = {
    caption: withComparison ? 'Participants and comparison group per cohort' : 'Participants per cohort',
    columns: [
      { key: 'cohort', title: 'Cohort', format: 'text' },
      { key: 'startDate', title: 'Start date', format: 'text' },
      { key: 'participants', title: labels.participants, format: 'integer' },
      ...(withComparison ? [{ key: 'comparison', title: labels.comparison, format: 'integer' as const }] : []),
    ],
    rows: input.cohorts.map((c): Record<string, TableCell> => ({
      cohort: c.cohort,
      startDate: c.startDate,
      participants: cell(c.participants),
      ...(withComparison ? { comparison: cell(comparison![c.cohort]) } : {}),
    })),
  };
  const base = { $schema: SCHEMA, config: chartConfig(theme), usermeta: { table } };
  const heading = options.title ?? (withComparison ? 'Who is compared, by cohort' : 'Participants per cohort');

  if (!input.cohorts.length) {
    return {
      ...base,
      title: { text: heading },
      width,
      height: 60,
      data: { values: [{ message: options.emptyMessage ?? 'No cohort yet: import a program roster with mentees.' }] },
      mark: { type: 'text', fontSize: 13, color: pal.muted },
      encoding: { text: { field: 'message', type: 'nominal' }, x: { value: width / 2 }, y: { value: 30 } },
    };
  }

  const groups = withComparison ? [labels.participants, labels.comparison] : [labels.participants];
  const rows = input.cohorts.flatMap((c) =>
    groups
      .map((group) => ({ group, n: group === labels.participants ? c.participants : comparison?.[c.cohort] }))
      .filter((g): g is { group: string; n: number } => g.n !== undefined)
      .map(({ group, n }) => ({
        cohort: c.cohort,
        group,
        n: small(n) ? null : n,
        /** Where the label sits: the bar's end, or the axis for a hidden group. */
        at: small(n) ? 0 : n,
        label: small(n) ? few : integer(n),
        tCohort: c.cohort,
        tStart: c.startDate,
        tGroup: group,
        tN: small(n) ? few : integer(n),
      })),
  );
  const order = input.cohorts.map((c) => c.cohort);
  const y = { field: 'cohort', type: 'nominal' as const, sort: order, title: null, axis: { labelFontSize: 12, labelColor: pal.text, labelLimit: 160 } };
  const yOffset = withComparison ? { yOffset: { field: 'group', type: 'nominal' as const, sort: groups, scale: { paddingInner: 0.1 } } } : {};
  const color = {
    field: 'group',
    type: 'nominal' as const,
    title: null,
    scale: { domain: groups, range: [pal.participants, pal.comparison].slice(0, groups.length) },
    legend: withComparison ? { orient: 'top' as const, direction: 'horizontal' as const, symbolType: 'square' } : null,
  };
  const tooltip = [
    { field: 'tCohort', title: 'Cohort', type: 'nominal' as const },
    { field: 'tStart', title: 'Start date', type: 'nominal' as const },
    { field: 'tGroup', title: 'Group', type: 'nominal' as const },
    { field: 'tN', title: 'People', type: 'nominal' as const },
  ];

  return {
    ...base,
    title: { text: heading, ...(options.subtitle ? { subtitle: options.subtitle } : {}) },
    width,
    height: { step: withComparison ? 48 : 34 },
    layer: [
      {
        data: { values: rows.filter((r) => r.n !== null) },
        mark: { type: 'bar', height: { band: withComparison ? 0.8 : 0.62 }, cornerRadiusEnd: 2 },
        encoding: {
          y,
          ...yOffset,
          x: { field: 'n', type: 'quantitative', title: 'People', axis: { grid: true, tickCount: 5, format: 'd' }, scale: { nice: true } },
          color,
          tooltip,
        },
      },
      {
        data: { values: rows },
        mark: { type: 'text', align: 'left', dx: 5, fontSize: 11, fontWeight: 600, color: pal.text },
        encoding: { y, ...yOffset, x: { field: 'at', type: 'quantitative' }, text: { field: 'label', type: 'nominal' }, tooltip },
      },
    ],
  };
}
