import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Relative tolerance the statistics must meet against R. */
export const REL_TOL = 1e-6;

/**
 * Asserts actual ≈ expected to REL_TOL relative (absolute 1e-12 when R's value is
 * exactly 0); a null expected value (R: NA, NaN or an error) requires null.
 */
export function expectClose(actual: number | null | undefined, expected: number | null, label: string): void {
  if (expected === null) {
    expect(actual, `${label}: expected null`).toBeNull();
    return;
  }
  expect(typeof actual, `${label}: expected a number, got ${String(actual)}`).toBe('number');
  const a = actual as number;
  const tol = expected === 0 ? 1e-12 : REL_TOL * Math.abs(expected);
  expect(Math.abs(a - expected) <= tol, `${label}: got ${a}, R gives ${expected} (tolerance ${tol})`).toBe(true);
}

/** Fails when any number anywhere in the value is NaN or ±Infinity. */
export function expectAllFinite(value: unknown, path = 'result'): void {
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${path} is ${value}`).toBe(true);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => expectAllFinite(v, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) expectAllFinite(v, `${path}.${k}`);
  }
}

export interface RefCase<I, E> {
  name: string;
  source: string;
  code: string;
  input: I;
  expected: E;
}

export type Nullable = number | null;

export interface ReferenceValues {
  generatedBy: string;
  paired: RefCase<{ after: number[]; before: number[]; confidence: number }, Record<string, Nullable>>[];
  welch: RefCase<{ x: number[]; y: number[]; confidence: number }, Record<string, Nullable>>[];
  kaplanMeier: RefCase<
    { time: number[]; event: number[]; horizons: number[]; confidence: number },
    {
      points: { days: number; survival: Nullable; lower: Nullable; upper: Nullable; atRisk: number }[];
      curve: {
        time: number[];
        nRisk: number[];
        nEvent: number[];
        nCensor: number[];
        survival: Nullable[];
        lower: Nullable[];
        upper: Nullable[];
      };
    }
  >[];
  logRank: RefCase<
    { time: number[]; event: number[]; group: (number | string)[] },
    { chisq: Nullable; df: Nullable; p: Nullable; pUpperTail: Nullable }
  >[];
  propTest: RefCase<{ k1: number; n1: number; k2: number; n2: number; confidence: number }, Record<string, Nullable>>[];
  holm: RefCase<{ p: Nullable[] }, { adjusted: Nullable[] }>[];
}

/** The R reference values written by reference/make-reference.R. */
export const reference: ReferenceValues = JSON.parse(
  readFileSync(new URL('./reference/values.json', import.meta.url), 'utf8'),
) as ReferenceValues;
