import { KINDS } from '../../../shared/kinds';
import { rebuildResponseTable } from '../surveyByResponse';
import type { KindRules } from './rules';

export const surveyRules: KindRules = {
  /** A response is a file line when the export names none. */
  plan(plans) {
    if (plans.some((p) => p.spec.name === 'response_id')) return;
    plans.push({ spec: KINDS.survey.fields.find((s) => s.name === 'response_id')!, source: '', raw: 'NULL', parsed: `'line-' || __mi_line`, checks: [] });
  },
  // After the commit, and once the staged file is gone (its memory with it): analyses check
  // the table against the survey rows before using it, so it need not land with the import.
  // Progress stays at 'write' meanwhile.
  afterCommit: rebuildResponseTable,
};
