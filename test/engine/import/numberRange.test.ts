/** Issue 18 item 9: `1e-400` was accepted as a rating of 0. Underflow and non-finite values are rejected. */
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../../electron/engine/import/importCsv';
import type { Project } from '../../../electron/engine/project';
import { freshProjectEachTest } from '../../helpers';
import { fixture, rows } from './helpers';

describe('numbers a double cannot hold', () => {
  let dir = '';
  let project: Project;
  freshProjectEachTest((d, p) => {
    dir = d;
    project = p;
  });

  it('rejects underflow (1e-400, -1e-400, 1e-310) and non-finite values; keeps real zeros and small numbers', async () => {
    const values = ['1e-400', '-1e-400', '1e-310', '1e400', 'inf', '-Infinity', 'nan', '0', '0.0', '0e5', '-0', '1e-300', '3'];
    const csv = ['employee_id,review_date,rating', ...values.map((v, i) => `${i + 1},2024-01-15,${v}`)].join('\n') + '\n';
    const s = await importCsv(project.conn, { path: fixture(dir, 'r.csv', csv), kind: 'performance' });
    expect(s.rejects.map((r) => [r.value, r.reason])).toEqual([
      ['1e-400', 'number too small to store (it would read as 0)'],
      ['-1e-400', 'number too small to store (it would read as 0)'],
      ['1e-310', 'number too small to store (it would read as 0)'],
      ['1e400', 'not a number'],
      ['inf', 'not a number'],
      ['-Infinity', 'not a number'],
      ['nan', 'not a number'],
    ]);
    expect(await rows(project, 'SELECT rating FROM performance_reviews ORDER BY employee_id::INT')).toEqual([0, 0, 0, -0, 1e-300, 3].map((rating) => ({ rating })));
  });

  it('a label of the mapping is not a written number', async () => {
    const csv = 'employee_id,review_date,rating\n1,2024-01-15,Level 1\n';
    const s = await importCsv(project.conn, { path: fixture(dir, 'l.csv', csv), kind: 'performance', mapping: { values: { rating: { 'Level 1': 0 } } } });
    expect(s.rowsRejected).toBe(0);
  });
});
