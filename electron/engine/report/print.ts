/**
 * One set of print settings for both printers: Playwright's `page.pdf` (CLI, browser
 * mode) and Electron's `webContents.printToPDF` (the desktop app). Page size, margins
 * and the running footer (title, date, "Page n of N") are the same in both, so the
 * same HTML prints the same way. Plain TypeScript: the Electron main process imports it.
 */
import { FONT_FACES } from './fonts/embedded';

export type PageSize = 'A4' | 'Letter';
export const PAGE_SIZES: readonly PageSize[] = ['A4', 'Letter'];

/** Page margins in millimetres; the footer sits in the bottom margin. */
export const MARGINS_MM = { top: 18, right: 18, bottom: 20, left: 18 } as const;

const MM_PER_INCH = 25.4;

export interface PrintSettings {
  pageSize: PageSize;
  /** Playwright: CSS lengths. */
  marginsCss: { top: string; right: string; bottom: string; left: string };
  /** Electron printToPDF: inches. */
  marginsInches: { top: number; right: number; bottom: number; left: number };
  headerTemplate: string;
  footerTemplate: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The footer is its own small document: it gets the regular face of the report font, latin only. */
function footerFontFace(): string {
  const face = FONT_FACES.find((f) => f.weight === 400 && f.style === 'normal' && f.unicodeRange.startsWith('U+0000'));
  return face ? `@font-face{font-family:'Source Sans 3';font-weight:400;font-style:normal;src:url(data:font/woff2;base64,${face.base64}) format('woff2')}` : '';
}

let footerFont: string | null = null;

/**
 * Chromium's header/footer templates: no page CSS applies, sizes default to tiny, and
 * the classes `pageNumber` / `totalPages` are filled in per page.
 */
export function printSettings(pageSize: PageSize, footerText: string): PrintSettings {
  footerFont ??= footerFontFace();
  const m = MARGINS_MM;
  const footerTemplate =
    `<div style="width:100%;margin:0 ${m.left}mm;font-family:'Source Sans 3','Helvetica Neue',Arial,sans-serif;font-size:8pt;color:#59636E;display:flex;justify-content:space-between;border-top:0.5pt solid #D0D7DE;padding-top:2mm">` +
    `<style>${footerFont}</style>` +
    `<span>${escapeHtml(footerText)}</span>` +
    `<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
  return {
    pageSize,
    marginsCss: { top: `${m.top}mm`, right: `${m.right}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm` },
    marginsInches: { top: m.top / MM_PER_INCH, right: m.right / MM_PER_INCH, bottom: m.bottom / MM_PER_INCH, left: m.left / MM_PER_INCH },
    headerTemplate: '<span></span>',
    footerTemplate,
  };
}
