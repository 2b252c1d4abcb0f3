import { describe, expect, it } from 'vitest';
import { analysisConfigSchema, parseRequest } from '../../shared/api';

const parse = (dateRange: unknown) => analysisConfigSchema.safeParse({ dateRange });
const message = (dateRange: unknown) => {
  const r = parseRequest('analyze', { config: { dateRange } });
  return r.ok ? null : r.error.message;
};

describe('analysis config dateRange', () => {
  it('accepts real dates, open ends, a one-day range and no range', () => {
    for (const ok of [{ from: '2022-01-01', to: '2023-12-31' }, { from: '2024-02-29' }, { to: '2022-06-30' }, { from: '2022-03-07', to: '2022-03-07' }, {}]) {
      expect(parse(ok).success, JSON.stringify(ok)).toBe(true);
    }
    expect(analysisConfigSchema.safeParse({}).success).toBe(true);
  });

  it('refuses dates that are not on the calendar or not YYYY-MM-DD, naming the field', () => {
    expect(message({ from: '2023-02-29' })).toBe('Invalid request to analyze at config.dateRange.from: not a calendar date (expected YYYY-MM-DD)');
    expect(message({ to: '2022-13-01' })).toBe('Invalid request to analyze at config.dateRange.to: not a calendar date (expected YYYY-MM-DD)');
    expect(message({ from: '03/07/2022' })).toBe('Invalid request to analyze at config.dateRange.from: expected YYYY-MM-DD');
    expect(message({ from: '2022-3-7' })).toMatch(/dateRange\.from: expected YYYY-MM-DD/);
    expect(message({ to: 20221231 })).toMatch(/^Invalid request to analyze at config\.dateRange\.to: /);
  });

  it('refuses from after to, and unknown keys', () => {
    expect(message({ from: '2023-01-02', to: '2023-01-01' })).toBe('Invalid request to analyze at config.dateRange.to: "from" must be on or before "to"');
    expect(message({ start: '2023-01-01' })).toMatch(/^Invalid request to analyze at config\.dateRange: /);
  });
});
