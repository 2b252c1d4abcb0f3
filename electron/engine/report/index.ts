/**
 * The evaluation report. One HTML document (html.ts) printed by two printers:
 * Chromium via playwright-core (chromium.ts: CLI, browser mode) and Electron's printToPDF
 * (electron/main/reportPdf.ts). print.ts holds the settings both use.
 */
import type { AnalysisResult } from '../../../shared/analysis';
import type { ImportRecord } from '../../../shared/domain';
import type { ReportHtml, ReportOptions } from '../../../shared/report';
import { buildReportHtml, footerText, reportFileName, reportMeta } from './html';

export { buildReportHtml, footerText, numberedSections, reportFileName, reportMeta } from './html';
export type { ReportMeta } from './html';
export { ChromiumPrinter, findChromium, noChromiumMessage, NO_CHROMIUM, printPdf } from './chromium';
export { printSettings, PAGE_SIZES } from './print';
export type { PageSize } from './print';

export interface ReportContext {
  dataSources: ImportRecord[];
  software?: string;
  generatedAt?: string;
  /** The app's live preview: no embedded font (see ReportMeta.embedFonts). */
  preview?: boolean;
}

/** The report of one analysis, with what a printer needs besides the HTML. */
export async function makeReport(result: AnalysisResult, options: ReportOptions, ctx: ReportContext): Promise<ReportHtml> {
  const meta = reportMeta(options, ctx);
  const html = await buildReportHtml(result, { ...meta, embedFonts: !ctx.preview });
  return { html, fileName: reportFileName(meta), footer: footerText(meta), pageSize: meta.pageSize };
}
