/**
 * The one typed API contract. Every transport (Electron IPC, the browser-mode HTTP
 * server, direct calls) carries exactly these methods; an unknown method is an error.
 */
import { z } from 'zod';
import { configProblems } from './configRules';
import type { AnalysisResult, CohortSummary } from './analysis';
import { IMPORT_KINDS, CANONICAL_TABLES } from './domain';
import type { FileInspection, ImportRecord, ImportSummary, ImportValidation, MappingTemplate, ProjectInfo, TablePreview, TableSummary } from './domain';
import type { ApiError, Result } from './result';
import { REPORT_SECTIONS } from './report';
import type { ReportHtml, ReportPdf } from './report';

const mappingSchema = z
  .object({
    columns: z.record(z.string(), z.string()).optional(),
    dateFormat: z.string().max(64).optional(),
    dateFormats: z.record(z.string(), z.string().max(64)).optional(),
    values: z.record(z.string(), z.record(z.string(), z.number())).optional(),
    roles: z.record(z.string().max(200), z.enum(['mentee', 'mentor'])).optional(),
    survey: z
      .union([
        z.object({ layout: z.literal('wide'), items: z.array(z.string()).optional() }),
        z.object({ layout: z.literal('long'), item: z.string().optional(), score: z.string().optional() }),
      ])
      .optional(),
    headerRowsToSkip: z.number().int().min(0).max(50).optional(),
    scale: z.object({ min: z.number(), max: z.number() }).strict().optional(),
    constants: z.record(z.string(), z.string().max(200)).optional(),
  })
  .strict();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** A YYYY-MM-DD that exists on the calendar (not 2023-02-30). */
const calendarDate = isoDate.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'not a calendar date (expected YYYY-MM-DD)');
const dateRangeSchema = z
  .object({ from: calendarDate.optional(), to: calendarDate.optional() })
  .strict()
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: '"from" must be on or before "to"', path: ['to'] });

const analysisConfigFields = z
  .object({
    cohorts: z.array(z.string()).optional(),
    preDays: z.number().int().min(1).optional(),
    postStartDays: z.number().int().min(0).optional(),
    postEndDays: z.number().int().min(1).optional(),
    horizonsDays: z.array(z.number().int().positive()).optional(),
    minGroupSize: z.number().int().min(1).optional(),
    confidence: z.number().gt(0).lt(1).optional(),
    survey: z
      .object({
        scaleMin: z.number().optional(),
        scaleMax: z.number().optional(),
        reverseItems: z.array(z.string()).optional(),
      })
      .optional(),
    filters: z.record(z.string(), z.array(z.string())).optional(),
    dateRange: dateRangeSchema.optional(),
    segmentBy: z.array(z.string()).optional(),
  })
  .strict();

export const analysisConfigSchema = analysisConfigFields.superRefine((c, ctx) => {
  for (const p of configProblems(c)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: p.path, message: p.message });
});
export type AnalysisConfigInput = z.infer<typeof analysisConfigSchema>;

/** A file to import: a path on this machine (Electron, CLI) or an upload id (browser mode). */
const fileRefSchema = z.union([
  z.object({ path: z.string().min(1) }).strict(),
  z.object({ uploadId: z.string().regex(/^[a-f0-9]{32}$/) }).strict(),
]);
export type FileRef = z.infer<typeof fileRefSchema>;

/** What the user chooses on the Report page (shared/report.ts). */
const reportText = z.string().max(300);
const reportOptionsSchema = z
  .object({
    title: reportText.optional(),
    organisation: reportText.optional(),
    author: reportText.optional(),
    period: reportText.optional(),
    sections: z.array(z.enum(REPORT_SECTIONS)).max(REPORT_SECTIONS.length).optional(),
    pageSize: z.enum(['A4', 'Letter']).optional(),
  })
  .strict();

const fileNameSchema = z.string().min(1).max(1024).optional();

const jobRequestSchema = z.object({ jobId: z.string().regex(/^[a-f0-9]{16,64}$/) }).strict();

/** One import request: importFile, its dry run validateImport and the job startImport take the same. */
const importRequestSchema = z
  .object({
    file: fileRefSchema,
    fileName: fileNameSchema,
    kind: z.enum(IMPORT_KINDS),
    mapping: mappingSchema.optional(),
    asOf: isoDate.optional(),
    mode: z.enum(['replace', 'append']).optional(),
  })
  .strict();

export const requestSchemas = {
  getAppInfo: z.object({}).strict(),
  openProject: z.object({ path: z.string().min(1).max(4096) }).strict(),
  openSampleProject: z.object({}).strict(),
  listTables: z.object({}).strict(),
  previewTable: z
    .object({
      table: z.enum(CANONICAL_TABLES),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    })
    .strict(),
  importFile: importRequestSchema,
  listImports: z.object({}).strict(),
  analyze: z.object({ config: analysisConfigSchema.optional() }).strict(),
  getAnalysisSettings: z.object({}).strict(),
  saveAnalysisSettings: z.object({ config: analysisConfigSchema }).strict(),
  /** Privacy: the raw values of rejected cells become NULL; line, column and reason stay. */
  purgeRejects: z.object({}).strict(),
  /** Privacy: empties every data table and the imports log, then rewrites the file. Settings stay. */
  deletePersonalData: z.object({ confirm: z.literal('DELETE') }).strict(),
  /** Report: the report as one self-contained HTML document, for the live preview. */
  reportHtml: z.object({ config: analysisConfigSchema.optional(), meta: reportOptionsSchema.optional(), preview: z.boolean().optional() }).strict(),
  /** Report: prints the PDF (desktop app: save dialog + printToPDF; browser mode: returns the bytes). */
  saveReportPdf: z.object({ config: analysisConfigSchema.optional(), meta: reportOptionsSchema.optional() }).strict(),
  /** Import: what a file holds (format, columns, first rows, guessed mapping); writes nothing. */
  inspectFile: z.object({ file: fileRefSchema, fileName: fileNameSchema, kind: z.enum(IMPORT_KINDS).optional() }).strict(),
  /** Import: a dry run of importFile (counts and rejects), rolled back; the project is unchanged. */
  validateImport: importRequestSchema,
  /** Import: importFile as a background job; poll importStatus (answered outside the request queue). */
  startImport: importRequestSchema,
  importStatus: jobRequestSchema,
  cancelImport: jobRequestSchema,
  /** Mapping templates stored in the project (project_settings 'mappingTemplates'). */
  listMappingTemplates: z.object({ kind: z.enum(IMPORT_KINDS).optional() }).strict(),
  saveMappingTemplate: z.object({ name: z.string().trim().min(1).max(100), kind: z.enum(IMPORT_KINDS), mapping: mappingSchema }).strict(),
  deleteMappingTemplate: z.object({ name: z.string().min(1).max(100) }).strict(),
  /** Filters: every cohort (unfiltered) and the recorded values of each people attribute. */
  listFilterOptions: z.object({}).strict(),
} as const;

export type ApiMethod = keyof typeof requestSchemas;
export const API_METHODS = Object.keys(requestSchemas) as ApiMethod[];
export type ApiRequest<M extends ApiMethod> = z.input<(typeof requestSchemas)[M]>;
export type ParsedRequest<M extends ApiMethod> = z.output<(typeof requestSchemas)[M]>;

export interface AppInfo {
  version: string;
  /** Where the app runs: Electron window, browser-mode server, or in-process. */
  host: 'electron' | 'browser' | 'direct';
  project: ProjectInfo | null;
  recentProjects: string[];
}

export interface ApiResponses {
  getAppInfo: AppInfo;
  openProject: ProjectInfo;
  openSampleProject: ProjectInfo;
  listTables: TableSummary[];
  previewTable: TablePreview;
  importFile: ImportSummary;
  listImports: ImportRecord[];
  analyze: AnalysisResult;
  /** The project's saved analysis configuration (what the app's settings and filters remember). */
  getAnalysisSettings: AnalysisConfigInput;
  saveAnalysisSettings: AnalysisConfigInput;
  purgeRejects: RejectsPurged;
  deletePersonalData: PersonalDataDeleted;
  reportHtml: ReportHtml;
  saveReportPdf: ReportPdf;
  inspectFile: FileInspection;
  validateImport: ImportValidation;
  startImport: { jobId: string };
  importStatus: ImportJobStatus;
  cancelImport: { cancelled: boolean };
  listMappingTemplates: MappingTemplate[];
  saveMappingTemplate: MappingTemplate;
  deleteMappingTemplate: { deleted: boolean };
  listFilterOptions: FilterOptionsList;
}

/**
 * `listFilterOptions`: all cohorts with start date and mentee count (no filter applied),
 * and the people attributes (not identifiers, dates or import traces) with their distinct
 * non-empty values as text, sorted, at most 200 listed; `distinct` is the true count. Small
 * cohorts and values (fewer than minGroupSize participants or comparison people of their own)
 * are named in `otherCohorts` / `other`: the engine accepts them only all together or not at all.
 */
export interface FilterOptionsList {
  cohorts: CohortSummary[];
  /** Cohorts too small to select or leave out on their own: offered together, as "Other cohorts". */
  otherCohorts: string[];
  /** `other`: the values too small to select or leave out on their own, offered together as "Other". */
  attributes: { column: string; values: string[]; distinct: number; other: string[] }[];
}

/** Progress of an import job (the engine's ImportProgress). */
export interface ImportJobProgress {
  phase: 'scan' | 'load' | 'check' | 'write' | 'done';
  rowsDone?: number;
  bytesDone?: number;
  totalBytes?: number;
}

/** `importStatus`: a job's state, read from memory (never waits for the import). */
export interface ImportJobStatus {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: ImportJobProgress;
  /** Seconds since the job started. */
  elapsedSeconds: number;
  rowsPerSecond?: number;
  bytesPerSecond?: number;
  result?: ImportSummary;
  error?: ApiError;
}

/** `purgeRejects`: how many raw values were removed from import_rejects. */
export interface RejectsPurged {
  purged: number;
}

/** `deletePersonalData`: rows removed per table, and the (now empty) project. */
export interface PersonalDataDeleted {
  rowsDeleted: Record<string, number>;
  project: ProjectInfo;
}

/** What every transport exposes: one async function per method, errors as data. */
export type Api = { [M in ApiMethod]: (req: ApiRequest<M>) => Promise<Result<ApiResponses[M]>> };

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

/** Runtime validation for payloads that crossed a process boundary. */
export function parseRequest<M extends ApiMethod>(method: M, payload: unknown): Result<ParsedRequest<M>> {
  const parsed = requestSchemas[method].safeParse(payload ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ParsedRequest<M> };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, error: { code: 'bad_request', message: `Invalid request to ${method}${where}: ${issue?.message ?? 'invalid'}` } };
}

/** Electron IPC channel for a method; one channel per method keeps handlers allow-listed. */
export const ipcChannel = (method: ApiMethod): string => `mentor-impact:${method}`;
