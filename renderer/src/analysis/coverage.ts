/**
 * Coverage (Data quality page): how many of the analysed people each result could use —
 * who has a measurement both before and after, who has a year of follow-up — taken from
 * the n's of the result itself, so it always matches the numbers shown elsewhere.
 */
import type { AnalysisResult } from '../../../shared/analysis';
import { isNum } from '../../../shared/format';
import { MEASURED } from '../../../shared/outcomes';

export interface CoverageCell {
  /** People the result used; null when suppressed or not available. */
  n: number | null;
  /** Of how many analysed people. */
  of: number;
  suppressed: boolean;
}

export interface CoverageRow {
  outcome: string;
  what: string;
  participants: CoverageCell | null;
  comparison: CoverageCell | null;
}

function cell(n: number | null | undefined, of: number, suppressed: boolean | undefined): CoverageCell {
  return { n: !suppressed && isNum(n) ? n : null, of, suppressed: !!suppressed };
}

export function coverageRows(result: AnalysisResult): CoverageRow[] {
  const P = result.population.participants;
  const C = result.population.comparison;
  const rows: CoverageRow[] = [];
  for (const m of MEASURED) {
    const o = result.outcomes[m.key];
    rows.push({
      outcome: m.name,
      what: 'a measurement both before and after the start',
      participants: o ? cell(o.beforeAfter.n, P, o.beforeAfter.suppressed) : null,
      comparison: o ? cell(o.did.n2, C, o.did.suppressed) : null,
    });
    rows.push({
      outcome: m.name,
      what: 'a measurement after the start',
      participants: o ? cell(o.comparison.n1, P, o.comparison.suppressed) : null,
      comparison: o ? cell(o.comparison.n2, C, o.comparison.suppressed) : null,
    });
  }
  const rate = result.outcomes.retention?.rate12m;
  rows.push({
    outcome: '12-month retention',
    what: 'at least 12 months between the start and the export date',
    participants: rate ? cell(rate.n1, P, rate.suppressed) : null,
    comparison: rate ? cell(rate.n2, C, rate.suppressed) : null,
  });
  return rows;
}

/** 0.716… → 72 (whole percent), null when it cannot be computed. */
export function coverageShare(c: CoverageCell | null): number | null {
  if (!c || c.n === null || c.of <= 0) return null;
  return c.n / c.of;
}
