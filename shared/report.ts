/** The evaluation report: its sections and the options a user chooses. */

export const REPORT_SECTIONS = ['summary', 'population', 'beforeAfter', 'comparison', 'retention', 'survey', 'segments', 'methods', 'sources'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** Headings as printed (appendices are lettered, the others numbered). */
export const REPORT_SECTION_TITLES: Record<ReportSection, string> = {
  summary: 'Executive summary',
  population: 'The program and its population',
  beforeAfter: 'Before and after joining',
  comparison: 'Participants and the comparison group',
  retention: 'Retention',
  survey: 'Survey items',
  segments: 'Results by group',
  methods: 'Methods and caveats',
  sources: 'Data sources',
};

export const APPENDIX_SECTIONS: readonly ReportSection[] = ['methods', 'sources'];

export type ReportPageSize = 'A4' | 'Letter';

/** What the user sets on the Report page (every field optional). */
export interface ReportOptions {
  title?: string;
  organisation?: string;
  author?: string;
  /** Free text, e.g. "2022–2025"; default: the cohorts' start dates. */
  period?: string;
  /** Which sections, printed in the fixed order above; default: all. */
  sections?: ReportSection[];
  pageSize?: ReportPageSize;
}

export const DEFAULT_REPORT_TITLE = 'Mentorship program evaluation';

/** `reportHtml`: one self-contained HTML document (no script, no network), the one both printers print. */
export interface ReportHtml {
  html: string;
  /** Suggested PDF file name. */
  fileName: string;
  /** What the printers need besides the HTML: the running footer's text (title, date) and the paper. */
  footer: string;
  pageSize: ReportPageSize;
}

/**
 * `saveReportPdf`. Desktop app: the file chosen in the save dialog (`path` null when the
 * dialog was cancelled). Browser mode: the PDF itself (`pdfBase64`) for the browser to download.
 */
export interface ReportPdf {
  path: string | null;
  fileName: string;
  bytes: number;
  pdfBase64?: string;
}
