/**
 * The data kinds a project imports, each declared once: its canonical table, its fields
 * (type, required, label, the header names tools export them under) and its words. The
 * engine generates the tables' DDL and the import's plans from these declarations, and the
 * app takes its labels from them; what a kind does beyond its fields lives in its engine
 * module (electron/engine/kinds/).
 */

export const IMPORT_KINDS = ['roster', 'people', 'survey', 'performance'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * id: text kept as written (trimmed, leading zeros kept); role: a role word (ROLE_WORDS or
 * the mapping's roles) read as mentee or mentor.
 */
export type FieldType = 'id' | 'text' | 'date' | 'number' | 'role';

export interface FieldDeclaration {
  name: string;
  type: FieldType;
  required: boolean;
  /** The field as the mapping step names it. */
  label: string;
  /** Header names as HRIS, survey and review tools export them, most specific first; compared after normalizeHeader. */
  synonyms: readonly string[];
  /** A number on the answer or rating scale: checked against the mapping's scale (or 0–100 without one). */
  scaled?: boolean;
  /** A people column to break results down by (segments) or filter on; other fields are not attributes. */
  attribute?: boolean;
}

export interface KindDeclaration<Table extends string = string> {
  table: Table;
  /** The kind as the app names it. */
  label: string;
  description: string;
  /** Its columns in a sentence, for the kind chooser. */
  columns: string;
  /** Completes "this looks like …" when a file imported as another kind has this kind's columns. */
  looksLike: string;
  /** The table on the Data page. */
  tableLabel: string;
  tableDescription: string;
  /** Columns, in table order (the table adds import_id and source_line). */
  fields: readonly FieldDeclaration[];
  /** Rows in file order (bulk inserts do not keep it): the preview's ORDER BY. */
  previewOrder: string;
  /** The committed demo export of this kind (sample-data/). */
  sampleFile: string;
  /** Imports carry an as-of date (the export's date). */
  asOfDate?: boolean;
  /** Heading of the mapping step's scale inputs, for kinds with a scaled field. */
  scaleLabel?: string;
  /** Rows may hold one column per item (wide) instead of these two fields (long). */
  wide?: { item: string; score: string };
}

/** Columns every kind's table adds: the import and the file line each row came from. */
export const TRACE_COLUMNS = ['import_id', 'source_line'] as const;

/** Cells that are missing values, as written by HRIS and survey exports. */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'null', 'NULL', '-'];

/** Role words read without a mapping (a file's other words are mapped by the mapping's roles). */
export const ROLE_WORDS: Readonly<Record<string, 'mentee' | 'mentor'>> = {
  mentee: 'mentee', protege: 'mentee', 'protégé': 'mentee', learner: 'mentee', participant: 'mentee',
  mentor: 'mentor', coach: 'mentor', advisor: 'mentor',
};

/** Workday, SuccessFactors, BambooHR, Qualtrics, Culture Amp, Lattice and common ad-hoc spellings. */
export const EMPLOYEE_ID_SYNONYMS: readonly string[] = [
  'employee id', 'employee_id', 'employeeid', 'emp id', 'empid', 'emp no', 'employee number', 'employeenumber',
  'employee no', 'worker id', 'person id', 'personnel number', 'user id', 'associate id', 'staff id', 'ee id',
  'externalreference', 'external data reference', 'external reference', 'employee',
];

const employeeId = (more: readonly string[] = []): FieldDeclaration =>
  ({ name: 'employee_id', type: 'id', required: true, label: 'Employee ID', synonyms: [...EMPLOYEE_ID_SYNONYMS, ...more] });

/** Keeps each table's name a literal type (CanonicalTable). */
const kind = <const Table extends string>(d: KindDeclaration<Table>): KindDeclaration<Table> => d;

const DECLARED = {
  roster: kind({
    table: 'roster',
    label: 'Program roster',
    description: 'Who took part in the mentoring program, as mentee or mentor, in which cohort and from when.',
    columns: 'employee ID, role (mentee/mentor), cohort, start date; optional end date, mentor ID, status',
    looksLike: 'a mentoring program roster',
    tableLabel: 'Program roster',
    tableDescription: 'Mentees and mentors, their cohort and start date',
    fields: [
      employeeId(['participant id', 'mentee id', 'member id']),
      { name: 'role', type: 'role', required: true, label: 'Role (mentee/mentor)', synonyms: ['role', 'participant role', 'program role', 'participant type', 'member type', 'type'] },
      { name: 'cohort', type: 'text', required: true, label: 'Cohort', synonyms: ['cohort', 'cohort name', 'program', 'program name', 'group', 'cycle'] },
      { name: 'start_date', type: 'date', required: true, label: 'Start date', synonyms: ['start date', 'program start date', 'start', 'join date', 'joined', 'enrollment date', 'enrolment date', 'match date', 'match start date', 'pairing date'] },
      { name: 'end_date', type: 'date', required: false, label: 'End date', synonyms: ['end date', 'program end date', 'match end date', 'completion date', 'end'] },
      { name: 'mentor_id', type: 'id', required: false, label: 'Mentor ID', synonyms: ['mentor id', 'mentor employee id', 'mentor', 'matched mentor', 'mentor number'] },
      { name: 'status', type: 'text', required: false, label: 'Status', synonyms: ['status', 'participant status', 'match status'] },
    ],
    previewOrder: 'import_id, source_line',
    sampleFile: 'program_roster.csv',
  }),
  people: kind({
    table: 'people',
    label: 'People (HRIS export)',
    description: 'Everyone in the organisation, participants or not. Gives retention and the comparison group.',
    columns: 'employee ID, hire date; optional termination date and type, department, job level, location, manager',
    looksLike: 'an HRIS (people) export',
    tableLabel: 'People',
    tableDescription: 'Everyone in the HRIS export: hire and termination dates, segments',
    fields: [
      employeeId(),
      { name: 'hire_date', type: 'date', required: true, label: 'Hire date', synonyms: ['hire date', 'date of hire', 'dateofhire', 'original hire date', 'date hired', 'employment start date', 'start date', 'joining date', 'date of joining', 'hiredate'] },
      { name: 'termination_date', type: 'date', required: false, label: 'Termination date', synonyms: ['termination date', 'date of termination', 'dateoftermination', 'term date', 'separation date', 'exit date', 'leave date', 'last day of work', 'end date', 'termination_date'] },
      { name: 'termination_type', type: 'text', required: false, label: 'Termination type', synonyms: ['termination type', 'term reason', 'termreason', 'termination reason', 'separation type', 'separation reason', 'exit type', 'exit reason'] },
      { name: 'department', type: 'text', required: false, label: 'Department', attribute: true, synonyms: ['department', 'dept', 'department name', 'department type', 'supervisory organization', 'business unit', 'division', 'team'] },
      { name: 'job_level', type: 'text', required: false, label: 'Job level', attribute: true, synonyms: ['job level', 'level', 'grade', 'job grade', 'pay grade', 'management level', 'band', 'career level', 'joblevel'] },
      { name: 'location', type: 'text', required: false, label: 'Location', attribute: true, synonyms: ['location', 'work location', 'office', 'site', 'city'] },
      { name: 'manager_id', type: 'id', required: false, label: 'Manager ID', attribute: true, synonyms: ['manager id', 'supervisor id', 'reports to', 'manager employee id', 'manager number', 'managerid'] },
    ],
    previewOrder: 'import_id, source_line',
    sampleFile: 'hris_export.csv',
    asOfDate: true,
  }),
  survey: kind({
    table: 'survey_responses',
    label: 'Engagement survey',
    description: 'Survey answers, either one row per answer (long) or one column per question (wide).',
    columns: 'employee ID, response date, and item + score (long) or one column per item (wide)',
    looksLike: 'a survey export',
    tableLabel: 'Survey responses',
    tableDescription: 'Engagement survey answers, one row per item',
    fields: [
      employeeId(),
      { name: 'response_date', type: 'date', required: true, label: 'Response date', synonyms: ['response date', 'submitted at', 'recorded date', 'recordeddate', 'end date', 'completed at', 'submitted', 'survey date', 'date', 'response timestamp', 'timestamp'] },
      { name: 'item', type: 'text', required: true, label: 'Item (question)', synonyms: ['item', 'question', 'question id', 'question code', 'item id', 'question text'] },
      { name: 'score', type: 'number', required: true, label: 'Score (answer)', scaled: true, synonyms: ['score', 'answer', 'response', 'value', 'rating', 'response value'] },
      { name: 'response_id', type: 'text', required: false, label: 'Response ID', synonyms: ['response id', 'responseid', 'response identifier', 'submission id'] },
      { name: 'wave', type: 'text', required: false, label: 'Wave', synonyms: ['wave', 'survey name', 'survey', 'survey cycle'] },
    ],
    previewOrder: 'import_id, source_line, item',
    sampleFile: 'engagement_survey.csv',
    scaleLabel: 'Answer scale',
    wide: { item: 'item', score: 'score' },
  }),
  performance: kind({
    table: 'performance_reviews',
    label: 'Performance reviews',
    description: 'Review ratings over time; text ratings such as "Exceeds expectations" are mapped to numbers.',
    columns: 'employee ID, review date, rating; optional reviewer ID, period',
    looksLike: 'a performance review export',
    tableLabel: 'Performance reviews',
    tableDescription: 'Review dates and ratings',
    fields: [
      employeeId(),
      { name: 'review_date', type: 'date', required: true, label: 'Review date', synonyms: ['review date', 'date', 'completed at', 'evaluation date', 'appraisal date', 'review completed on', 'reviewdate', 'completed date'] },
      { name: 'rating', type: 'number', required: true, label: 'Rating', scaled: true, synonyms: ['rating', 'overall rating', 'performance rating', 'score', 'performance score', 'final rating', 'overall score', 'current employee rating'] },
      { name: 'reviewer_id', type: 'id', required: false, label: 'Reviewer ID', synonyms: ['reviewer id', 'reviewer', 'evaluator id', 'manager id', 'reviewer employee id'] },
      { name: 'period', type: 'text', required: false, label: 'Review period', synonyms: ['period', 'review period', 'review cycle', 'cycle', 'fiscal year', 'year'] },
    ],
    previewOrder: 'import_id, source_line',
    sampleFile: 'performance_reviews.csv',
    scaleLabel: 'Rating scale',
  }),
} satisfies Record<ImportKind, KindDeclaration>;

export const KINDS: Readonly<Record<ImportKind, KindDeclaration>> = DECLARED;

/** The table each kind lands in. */
export type KindTable = (typeof DECLARED)[ImportKind]['table'];
export const KIND_TABLE = Object.fromEntries(IMPORT_KINDS.map((k) => [k, DECLARED[k].table])) as { [K in ImportKind]: (typeof DECLARED)[K]['table'] };
export const KIND_TABLES: readonly KindTable[] = IMPORT_KINDS.map((k) => DECLARED[k].table);

/** The import log's tables, beside the kinds' tables. */
export const LOG_TABLES = ['imports', 'import_rejects'] as const;
export const LOG_TABLE_LABELS: Record<(typeof LOG_TABLES)[number], { label: string; description: string }> = {
  imports: { label: 'Imports', description: 'One row per imported file' },
  import_rejects: { label: 'Rejected rows', description: 'Rows that could not be loaded, with the reason' },
};

/** A field's label in the mapping step (its name when the kind has no such field). */
export function fieldLabel(k: ImportKind, field: string): string {
  return KINDS[k].fields.find((f) => f.name === field)?.label ?? field;
}

/** Columns of people that are not attributes to break results down by: the fields not declared attributes, and the trace columns. */
export const NOT_ATTRIBUTES: ReadonlySet<string> = new Set([...KINDS.people.fields.filter((f) => !f.attribute).map((f) => f.name), ...TRACE_COLUMNS]);

/** Date formats offered by name ('iso' and 'excel' are the engine's names; the rest strftime). */
export const DATE_FORMAT_NAMES: readonly { value: string; label: string }[] = [
  { value: 'iso', label: 'YYYY-MM-DD (ISO, with or without time)' },
  { value: '%m/%d/%Y', label: 'MM/DD/YYYY (US)' },
  { value: '%d/%m/%Y', label: 'DD/MM/YYYY (European)' },
  { value: '%m/%d/%Y %H:%M', label: 'MM/DD/YYYY hh:mm (US)' },
  { value: '%d/%m/%Y %H:%M', label: 'DD/MM/YYYY hh:mm (European)' },
  { value: '%m/%d/%y', label: 'MM/DD/YY (US)' },
  { value: '%d/%m/%y', label: 'DD/MM/YY (European)' },
  { value: '%d.%m.%Y', label: 'DD.MM.YYYY' },
  { value: '%d-%m-%Y', label: 'DD-MM-YYYY' },
  { value: '%m-%d-%Y', label: 'MM-DD-YYYY' },
  { value: '%Y/%m/%d', label: 'YYYY/MM/DD' },
  { value: '%d %b %Y', label: 'DD Mon YYYY' },
  { value: '%b %d, %Y', label: 'Mon DD, YYYY' },
  { value: 'excel', label: 'Excel serial day numbers' },
];

/** '%m/%d/%Y' → 'MM/DD/YYYY', as the import's messages write a format. */
export function dateFormatPattern(fmt: string): string {
  if (fmt === 'iso') return 'YYYY-MM-DD';
  if (fmt === 'excel') return 'an Excel serial day number';
  return fmt
    .replace('%Y', 'YYYY').replace('%y', 'YY').replace('%m', 'MM').replace('%d', 'DD')
    .replace('%H', 'hh').replace('%I', 'hh').replace('%M', 'mm').replace('%S', 'ss').replace('%p', 'AM/PM')
    .replace('%b', 'Mon').replace('%B', 'Month');
}

/** '%m/%d/%Y' → 'MM/DD/YYYY (US)': the format's name, or its pattern written out. */
export function dateFormatName(fmt: string): string {
  return DATE_FORMAT_NAMES.find((o) => o.value === fmt)?.label ?? dateFormatPattern(fmt);
}
