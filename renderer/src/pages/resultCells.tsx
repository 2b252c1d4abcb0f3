/** Table cells shared by the results pages: statistics formatted alike everywhere, hidden cells read "fewer than N". */
import type { ReactNode } from 'react';
import type { AnalysisConfig, Paired, Proportion, TwoGroup } from '../../../shared/analysis';
import { clearlyNonZero, confidenceLabel, fixed, integer, isNum, pCell, percent, signed } from '../../../shared/format';
import type { StatColumn } from '../components/StatTable';
import { Few } from '../components/StatTable';

const dash = <span className="null-cell">—</span>;

export const num = (x: number | null | undefined, digits = 2): ReactNode => (isNum(x) ? fixed(x, digits) : dash);
export const sgn = (x: number | null | undefined, digits = 2): ReactNode => (isNum(x) ? signed(x, digits) : dash);
export const int = (x: number | null | undefined): ReactNode => (isNum(x) ? integer(x) : dash);
export const pct = (x: number | null | undefined): ReactNode => (isNum(x) ? percent(x) : dash);
export const pv = (x: number | null | undefined): ReactNode => (isNum(x) ? pCell(x) : dash);

/** "+0.23 to +0.42", bold when the interval excludes zero. */
export function ci(low: number | null | undefined, high: number | null | undefined, scale = 1, digits = 2): ReactNode {
  if (!isNum(low) || !isNum(high)) return dash;
  const text = `${signed(low * scale, digits)} to ${signed(high * scale, digits)}`;
  return clearlyNonZero(low, high) ? <strong>{text}</strong> : text;
}

export const ciTitle = (config: Pick<AnalysisConfig, 'confidence'>) => confidenceLabel(config.confidence);

export function pairedColumns(config: AnalysisConfig): StatColumn[] {
  return [
    { title: 'Group' },
    { title: 'n (both)', numeric: true },
    { title: 'Mean before', numeric: true },
    { title: 'Mean after', numeric: true },
    { title: 'Change', numeric: true },
    { title: ciTitle(config), numeric: true },
    { title: 't (df)', numeric: true },
    { title: 'p', numeric: true },
    { title: "Cohen's dz", numeric: true },
    { title: 'Wilcoxon p', numeric: true },
  ];
}

export function pairedRow(label: ReactNode, p: Paired | null | undefined, config: AnalysisConfig): ReactNode[] {
  if (!p) return [label, dash, dash, dash, dash, dash, dash, dash, dash, dash];
  if (p.suppressed) return [label, <Few key="few" min={config.minGroupSize} />, dash, dash, dash, dash, dash, dash, dash, dash];
  return [label, int(p.n), num(p.meanBefore), num(p.meanAfter), sgn(p.meanDiff), ci(p.ciLow, p.ciHigh), isNum(p.t) ? `${fixed(p.t)} (${integer(p.df)})` : dash, pv(p.p), num(p.cohenDz), pv(p.wilcoxonP)];
}

/**
 * Participants against the comparison group, one column per test (e.g. change scores and
 * levels after the start), one row per statistic: narrow enough for any window.
 */
export function twoGroupTable(tests: { label: string; result: TwoGroup | null | undefined; signedMeans?: boolean }[], config: AnalysisConfig): { columns: StatColumn[]; rows: ReactNode[][] } {
  const few = <Few min={config.minGroupSize} />;
  const stat = (label: string, pick: (g: TwoGroup, signedMeans: boolean) => ReactNode, showWhenHidden = false): ReactNode[] => [
    label,
    ...tests.map(({ result: g, signedMeans = false }) => (!g ? dash : g.suppressed ? (showWhenHidden ? few : dash) : pick(g, signedMeans))),
  ];
  return {
    columns: [{ title: 'Statistic' }, ...tests.map((t) => ({ title: t.label, numeric: true }))],
    rows: [
      stat('n participants / comparison', (g) => (
        <>
          {int(g.n1)} / {int(g.n2)}
        </>
      ), true),
      stat('Participants (mean)', (g, s) => (s ? sgn(g.mean1) : num(g.mean1))),
      stat('Comparison group (mean)', (g, s) => (s ? sgn(g.mean2) : num(g.mean2))),
      stat('Difference', (g) => sgn(g.diff)),
      stat(ciTitle(config), (g) => ci(g.ciLow, g.ciHigh)),
      stat('Welch t (df)', (g) => (isNum(g.t) ? `${fixed(g.t)} (${fixed(g.df, 1)})` : dash)),
      stat('p', (g) => pv(g.p)),
      stat("Hedges' g", (g) => num(g.hedgesG)),
      stat('Mann–Whitney p', (g) => pv(g.mannWhitneyP)),
    ],
  };
}

/** A difference with its CI in one cell: "+0.35 (+0.23 to +0.47)". */
export function effectCell(g: TwoGroup | Paired | Proportion | null | undefined, config: AnalysisConfig, points = false): ReactNode {
  if (!g) return dash;
  if (g.suppressed) return <Few min={config.minGroupSize} />;
  const value = 'meanDiff' in g ? g.meanDiff : g.diff;
  if (!isNum(value)) return dash;
  const scale = points ? 100 : 1;
  const digits = points ? 1 : 2;
  return (
    <>
      {signed(value * scale, digits)}
      {points ? ' pts' : ''} <span className="cell-ci">({ci(g.ciLow, g.ciHigh, scale, digits)})</span>
    </>
  );
}
