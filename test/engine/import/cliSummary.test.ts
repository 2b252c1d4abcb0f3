/**
 * `mentor-impact import`: `--json` counts rows of the file (rowsRead, rowsLoaded,
 * rowsRejected), and the summary line says what happened in file rows and, for a wide
 * survey, in item scores too; header warnings are printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { importSummaryLines, main } from '../../../electron/cli/main';
import type { ImportSummary } from '../../../shared/domain';
import { tempDir } from '../../helpers';
import { fixture } from './helpers';

const SURVEY = [
  'Employee ID,Response Date,Q1,Q2,Q3',
  '001,2024-05-01,4,5,3', // 2: three scores
  '002,2024-05-01,9,,2', // 3: 9 is outside 1–5; one score loaded
  '003,2024-05-01,7,8,', // 4: both answers rejected, nothing loaded
  '004,2024-05-01,,,', // 5: no answers
  '',
].join('\n');

describe('import on the command line', () => {
  const dir = tempDir('mi-cli-summary-');
  const savedHome = process.env.MENTOR_IMPACT_HOME;
  let logs: string[] = [];

  beforeAll(() => {
    process.env.MENTOR_IMPACT_HOME = join(dir, 'home');
  });
  afterAll(() => {
    if (savedHome === undefined) delete process.env.MENTOR_IMPACT_HOME;
    else process.env.MENTOR_IMPACT_HOME = savedHome;
  });
  afterEach(() => vi.restoreAllMocks());

  async function run(args: string[]): Promise<number> {
    logs = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
    return main(args);
  }

  it('a wide survey: --json counts file rows, the summary adds the item scores', async () => {
    const csv = fixture(dir, 'pulse.csv', SURVEY);
    const mapping = fixture(dir, 'mapping.json', JSON.stringify({ survey: { layout: 'wide', items: ['Q1', 'Q2', 'Q3'] }, scale: { min: 1, max: 5 } }));
    const out = join(dir, 'summary.json');
    expect(await run(['import', join(dir, 'p.duckdb'), '--kind', 'survey', csv, '--mapping', mapping, '--json', out])).toBe(0);
    const s = JSON.parse(readFileSync(out, 'utf8')) as ImportSummary;
    expect(s).toMatchObject({ kind: 'survey', rowsRead: 4, rowsLoaded: 2, rowsRejected: 2, itemScores: { loaded: 4, rejected: 3 } });
    expect(s.rejects.map((r) => [r.line, r.column, r.value])).toEqual([
      [3, 'Q1', '9'],
      [4, 'Q1', '7'],
      [4, 'Q2', '8'],
    ]);
    expect(logs[0]).toBe('Imported 2 of 4 rows (4 item scores) from pulse.csv as survey: 2 rows with rejected values (3 values).');
  });

  it('a file with a repeated header name: the warning is printed with the summary', async () => {
    const csv = fixture(dir, 'people.csv', 'Employee ID,Hire Date,Team,Team\n1,2020-01-01,A,B\n2,2020-02-01,C,D\n');
    expect(await run(['import', join(dir, 'p.duckdb'), '--kind', 'people', csv])).toBe(0);
    expect(logs).toEqual([
      'Imported 2 of 2 rows from people.csv as people: 0 rejected.',
      'Warning: people.csv, line 1: the header names 2 columns "Team" (columns 3 and 4); they are read as "Team_0" and "Team_1", and a mapping must name one of those',
    ]);
  });

  it('big numbers read with thousands separators', () => {
    const base = { importId: 1, kind: 'survey' as const, fileName: 'big.csv', rejects: [] };
    expect(importSummaryLines({ ...base, rowsRead: 200_000, rowsLoaded: 200_000, rowsRejected: 0, itemScores: { loaded: 8_000_000, rejected: 0 } })).toEqual([
      'Imported 200,000 of 200,000 rows (8,000,000 item scores) from big.csv as survey: 0 rejected.',
    ]);
    expect(importSummaryLines({ ...base, kind: 'people', rowsRead: 1_470, rowsLoaded: 1_468, rowsRejected: 2, emptyRowsSkipped: 1 })).toEqual([
      'Imported 1,468 of 1,470 rows from big.csv as people: 2 rejected, 1 empty row skipped.',
    ]);
  });
});
