import type { ImportKind } from '../../../shared/domain';

export type FieldType = 'id' | 'text' | 'date' | 'number' | 'role';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  /** Header names as HRIS, survey and review tools export them; compared after normalizeHeader. */
  synonyms: string[];
}

const id = (name: string, required: boolean, synonyms: string[]): FieldSpec => ({ name, type: 'id', required, synonyms });
const f = (name: string, type: FieldType, required: boolean, synonyms: string[]): FieldSpec => ({ name, type, required, synonyms });

/** Workday, SuccessFactors, BambooHR, Qualtrics, Culture Amp, Lattice and common ad-hoc spellings. */
const EMPLOYEE_ID = [
  'employee id', 'employee_id', 'employeeid', 'emp id', 'empid', 'emp no', 'employee number', 'employeenumber',
  'employee no', 'worker id', 'person id', 'personnel number', 'user id', 'associate id', 'staff id', 'ee id',
  'externalreference', 'external data reference', 'external reference', 'employee',
];

export const FIELD_SPECS: Record<ImportKind, FieldSpec[]> = {
  roster: [
    id('employee_id', true, [...EMPLOYEE_ID, 'participant id', 'mentee id', 'member id']),
    f('role', 'role', true, ['role', 'participant role', 'program role', 'participant type', 'member type', 'type']),
    f('cohort', 'text', true, ['cohort', 'cohort name', 'program', 'program name', 'group', 'cycle']),
    f('start_date', 'date', true, ['start date', 'program start date', 'start', 'join date', 'joined', 'enrollment date', 'enrolment date', 'match date', 'match start date', 'pairing date']),
    f('end_date', 'date', false, ['end date', 'program end date', 'match end date', 'completion date', 'end']),
    id('mentor_id', false, ['mentor id', 'mentor employee id', 'mentor', 'matched mentor', 'mentor number']),
    f('status', 'text', false, ['status', 'participant status', 'match status']),
  ],
  people: [
    id('employee_id', true, EMPLOYEE_ID),
    f('hire_date', 'date', true, ['hire date', 'date of hire', 'dateofhire', 'original hire date', 'date hired', 'employment start date', 'start date', 'joining date', 'date of joining', 'hiredate']),
    f('termination_date', 'date', false, ['termination date', 'date of termination', 'dateoftermination', 'term date', 'separation date', 'exit date', 'leave date', 'last day of work', 'end date', 'termination_date']),
    f('termination_type', 'text', false, ['termination type', 'term reason', 'termreason', 'termination reason', 'separation type', 'separation reason', 'exit type', 'exit reason']),
    f('department', 'text', false, ['department', 'dept', 'department name', 'department type', 'supervisory organization', 'business unit', 'division', 'team']),
    f('job_level', 'text', false, ['job level', 'level', 'grade', 'job grade', 'pay grade', 'management level', 'band', 'career level', 'joblevel']),
    f('location', 'text', false, ['location', 'work location', 'office', 'site', 'city']),
    id('manager_id', false, ['manager id', 'supervisor id', 'reports to', 'manager employee id', 'manager number', 'managerid']),
  ],
  survey: [
    id('employee_id', true, EMPLOYEE_ID),
    f('response_date', 'date', true, ['response date', 'submitted at', 'recorded date', 'recordeddate', 'end date', 'completed at', 'submitted', 'survey date', 'date', 'response timestamp', 'timestamp']),
    f('item', 'text', true, ['item', 'question', 'question id', 'question code', 'item id', 'question text']),
    f('score', 'number', true, ['score', 'answer', 'response', 'value', 'rating', 'response value']),
    f('response_id', 'text', false, ['response id', 'responseid', 'response identifier', 'submission id']),
    f('wave', 'text', false, ['wave', 'survey name', 'survey', 'survey cycle']),
  ],
  performance: [
    id('employee_id', true, EMPLOYEE_ID),
    f('review_date', 'date', true, ['review date', 'date', 'completed at', 'evaluation date', 'appraisal date', 'review completed on', 'reviewdate', 'completed date']),
    f('rating', 'number', true, ['rating', 'overall rating', 'performance rating', 'score', 'performance score', 'final rating', 'overall score', 'current employee rating']),
    id('reviewer_id', false, ['reviewer id', 'reviewer', 'evaluator id', 'manager id', 'reviewer employee id']),
    f('period', 'text', false, ['period', 'review period', 'review cycle', 'cycle', 'fiscal year', 'year']),
  ],
};

/** 'Employee ID', 'employee_id' and 'EmployeeID' all normalise to 'employeeid'. */
export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}
