import { queryValue } from '../db';
import type { KindRules } from './rules';

export const peopleRules: KindRules = {
  plan(plans) {
    const term = plans.find((p) => p.spec.name === 'termination_date');
    if (!term) return;
    const hire = plans.find((p) => p.spec.name === 'hire_date')!;
    term.checks.push([`coalesce(${term.parsed} < ${hire.parsed}, false)`, 'termination date before hire date']);
  },
  /** People without a termination date are censored at the as-of date: the one given, else the file's latest hire or termination date. */
  async asOfDate(conn, importId, plans, given) {
    const latest = plans.some((p) => p.spec.name === 'termination_date') ? 'greatest(hire_date, coalesce(termination_date, hire_date))' : 'hire_date';
    return given ?? (await queryValue<string | null>(conn, `SELECT strftime(max(${latest}), '%Y-%m-%d') FROM people WHERE import_id = ?`, [importId])) ?? undefined;
  },
};
