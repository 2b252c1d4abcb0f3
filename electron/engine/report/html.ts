/**
 * The evaluation report as ONE self-contained HTML document: inline CSS,
 * inline vector SVG charts, the font embedded as data: URLs, no script and no network
 * (a CSP meta element forbids both). Both printers print this same document: Chromium
 * via playwright-core (CLI, browser mode) and Electron's printToPDF (desktop app).
 */
import type { AnalysisResult } from '../../../shared/analysis';
import type { ImportRecord } from '../../../shared/domain';
import { APPENDIX_SECTIONS, DEFAULT_REPORT_TITLE, REPORT_SECTIONS, REPORT_SECTION_TITLES } from '../../../shared/report';
import type { ReportOptions, ReportSection } from '../../../shared/report';
import { fontFaceCss, reportCss } from './css';
import type { PageSize } from './print';
import { escapeHtml } from './print';
import { longDate } from './longDate';
import { Doc } from './doc';
import { SECTION_BUILDERS } from './sections';

export interface ReportMeta {
  title: string;
  organisation: string;
  author: string;
  /** Free text; empty = described from the cohorts' start dates. */
  period: string;
  /** ISO timestamp. */
  generatedAt: string;
  /** Section ids (shared/report REPORT_SECTIONS), printed in their fixed order. */
  sections: readonly string[];
  pageSize: PageSize;
  /** The project's imports log. */
  dataSources: ImportRecord[];
  /** e.g. "Mentor Impact 0.1.0". */
  software?: string;
  /**
   * Embed the font (default). The app's preview leaves it out: its sandboxed frame
   * inherits the app's CSP, which allows no data: fonts, and it is re-sent on every edit.
   */
  embedFonts?: boolean;
}

/** Meta from what the user chose, with defaults. */
export function reportMeta(options: ReportOptions, extra: { generatedAt?: string; dataSources: ImportRecord[]; software?: string }): ReportMeta {
  return {
    title: options.title?.trim() || DEFAULT_REPORT_TITLE,
    organisation: options.organisation?.trim() ?? '',
    author: options.author?.trim() ?? '',
    period: options.period?.trim() ?? '',
    generatedAt: extra.generatedAt ?? new Date().toISOString(),
    sections: options.sections ?? [...REPORT_SECTIONS],
    pageSize: options.pageSize ?? 'A4',
    dataSources: extra.dataSources,
    software: extra.software,
  };
}

/** The text of the running footer: title and date. */
export function footerText(meta: Pick<ReportMeta, 'title' | 'generatedAt'>): string {
  return `${meta.title} · ${longDate(meta.generatedAt)}`;
}

/** "Mentorship program evaluation 2025-11-23.pdf" (no characters a file system refuses). */
export function reportFileName(meta: Pick<ReportMeta, 'title' | 'generatedAt'>): string {
  const base = [...meta.title]
    .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? ' ' : c))
    .join('').replace(/\s+/g, ' ').trim().slice(0, 100) || DEFAULT_REPORT_TITLE;
  return `${base} ${meta.generatedAt.slice(0, 10)}.pdf`;
}

/** Sections in print order, each with its heading number ("1", "2", … then "A", "B"). */
export function numberedSections(ids: readonly string[]): { id: ReportSection; num: string; title: string }[] {
  const chosen = REPORT_SECTIONS.filter((s) => ids.includes(s));
  let n = 0;
  let a = 0;
  return chosen.map((id) => ({
    id,
    num: APPENDIX_SECTIONS.includes(id) ? `Appendix ${String.fromCharCode(65 + a++)}` : String(++n),
    title: REPORT_SECTION_TITLES[id],
  }));
}

function coverPage(doc: Doc, sections: { id: ReportSection; num: string; title: string }[]): string {
  const { meta } = doc;
  const rows: [string, string][] = [];
  rows.push(['Period', meta.period || doc.periodFromCohorts()]);
  if (meta.author) rows.push(['Prepared by', meta.author]);
  rows.push(['Date', longDate(meta.generatedAt)]);
  const asOf = doc.asOfDate();
  if (asOf) rows.push(['Data as of', longDate(asOf)]);
  return `<header class="cover">
  <div class="band"></div>
  ${meta.organisation ? `<div class="org">${escapeHtml(meta.organisation)}</div>` : ''}
  <div class="title" role="heading" aria-level="1">${escapeHtml(meta.title)}</div>
  <div class="subtitle">Evaluation of the mentorship program: participants before and after they joined, and against colleagues who did not take part.</div>
  <dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
  ${
    sections.length
      ? `<nav class="contents" aria-label="Contents"><div class="toc-title">Contents</div><ol>${sections
          .map((s) => `<li><span class="n">${escapeHtml(s.num.replace('Appendix ', ''))}</span>${escapeHtml(s.title)}${s.num.startsWith('Appendix') ? ' (appendix)' : ''}</li>`)
          .join('')}</ol></nav>`
      : ''
  }
  <div class="confidential">Contains aggregated HR data only: no individual is named, and any group of fewer than ${doc.cfg.minGroupSize} people is left out (“fewer than ${doc.cfg.minGroupSize}”). Made with ${escapeHtml(meta.software ?? 'Mentor Impact')} on this computer; no data left it.</div>
</header>`;
}

/** The report's own policy (its meta element, and the header the desktop app's print window sends): nothing but inline styles and data: fonts and images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; script-src 'none'; base-uri 'none'; form-action 'none'";

/** The whole report. Async only because Vega renders asynchronously. */
export async function buildReportHtml(result: AnalysisResult, meta: ReportMeta): Promise<string> {
  const doc = new Doc(result, meta);
  const sections = numberedSections(meta.sections);
  const body: string[] = [];
  for (const s of sections) {
    const content = await SECTION_BUILDERS[s.id](doc);
    const label = s.num.startsWith('Appendix') ? `${s.num}.` : `${s.num}`;
    body.push(`<section class="chapter sheet" id="${s.id}" aria-labelledby="h-${s.id}">
<h1 id="h-${s.id}"><span class="num">${escapeHtml(label)}</span>${escapeHtml(s.title)}</h1>
${content}
</section>`);
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
${meta.author ? `<meta name="author" content="${escapeHtml(meta.author)}">` : ''}
<meta name="generator" content="${escapeHtml(meta.software ?? 'Mentor Impact')}">
<style>
${meta.embedFonts === false ? '' : fontFaceCss()}
${reportCss(meta.pageSize)}
</style>
</head>
<body>
<div class="sheet cover-sheet">
${coverPage(doc, sections)}
</div>
${body.join('\n')}
</body>
</html>
`;
}
