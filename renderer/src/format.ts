import type { CanonicalTable, ImportKind } from '../../shared/domain';

export { formatBytes, formatCount, plural } from '../../shared/format';

export const TABLE_LABELS: Record<CanonicalTable, { label: string; description: string }> = {
  roster: { label: 'Program roster', description: 'Mentees and mentors, their cohort and start date' },
  people: { label: 'People', description: 'Everyone in the HRIS export: hire and termination dates, segments' },
  survey_responses: { label: 'Survey responses', description: 'Engagement survey answers, one row per item' },
  performance_reviews: { label: 'Performance reviews', description: 'Review dates and ratings' },
  imports: { label: 'Imports', description: 'One row per imported file' },
  import_rejects: { label: 'Rejected rows', description: 'Rows that could not be loaded, with the reason' },
};

export const KIND_INFO: Record<ImportKind, { label: string; description: string; columns: string }> = {
  roster: {
    label: 'Program roster',
    description: 'Who took part in the mentoring program, as mentee or mentor, in which cohort and from when.',
    columns: 'employee ID, role (mentee/mentor), cohort, start date; optional end date, mentor ID, status',
  },
  people: {
    label: 'People (HRIS export)',
    description: 'Everyone in the organisation, participants or not. Gives retention and the comparison group.',
    columns: 'employee ID, hire date; optional termination date and type, department, job level, location, manager',
  },
  survey: {
    label: 'Engagement survey',
    description: 'Survey answers, either one row per answer (long) or one column per question (wide).',
    columns: 'employee ID, response date, and item + score (long) or one column per item (wide)',
  },
  performance: {
    label: 'Performance reviews',
    description: 'Review ratings over time; text ratings such as "Exceeds expectations" are mapped to numbers.',
    columns: 'employee ID, review date, rating; optional reviewer ID, period',
  },
};
