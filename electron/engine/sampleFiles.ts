import type { ImportKind } from '../../shared/domain';

/** The committed demo exports (sample-data/README.md describes them). */
export const SAMPLE_FILES: Record<ImportKind, string> = {
  people: 'hris_export.csv',
  roster: 'program_roster.csv',
  survey: 'engagement_survey.csv',
  performance: 'performance_reviews.csv',
};
