import type { ImportKind } from '../../../shared/kinds';
import { peopleRules } from './people';
import type { KindRules } from './rules';
import { surveyRules } from './survey';

/** Each kind's import rules beyond its declared fields (shared/kinds.ts). */
export const KIND_RULES: Record<ImportKind, KindRules> = {
  roster: {},
  people: peopleRules,
  survey: surveyRules,
  performance: {},
};
