/**
 * "Save PDF" in the desktop app: the engine writes the report's HTML (the same
 * document the CLI prints with Chromium), the user picks a file, and a hidden, sandboxed
 * window prints it with printToPDF. The print window has its own in-memory session whose
 * app:// handler serves only this one document, from memory (never file://); fonts are
 * data: URLs and charts inline SVG, so it loads nothing else, and nothing from the network.
 * Type-checked here; it needs the Electron binary to run.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { BrowserWindow, dialog, session } from 'electron';
import type { SaveDialogOptions } from 'electron';
import { parseRequest } from '../../shared/api';
import type { ReportHtml, ReportPdf } from '../../shared/report';
import type { Result } from '../../shared/result';
import { REPORT_CSP } from '../engine/report/html';
import { printSettings } from '../engine/report/print';
import type { Engine } from '../engine/service';
import { APP_SCHEME } from './appUrl';

const PRINT_PARTITION = 'mentor-impact-report-print';
/** Not the app's host: the print window's URL is never mistaken for an app page. */
const PRINT_HOST = 'mentor-impact-report';
/** Fonts are embedded, so this only covers a slow machine; printing goes ahead after it anyway. */
const FONT_WAIT_MS = 5000;

function failure(message: string, code = 'print_failed'): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Prints one report document to PDF bytes in a hidden window. */
export async function printReportHtml(report: Pick<ReportHtml, 'html' | 'pageSize' | 'footer'>): Promise<Buffer> {
  // A fresh URL per job: a print job never sees another's document.
  const url = `${APP_SCHEME}://${PRINT_HOST}/${randomUUID()}.html`;
  const ses = session.fromPartition(PRINT_PARTITION);
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !(details.url === url || details.url.startsWith('data:')) }));
  if (ses.protocol.isProtocolHandled(APP_SCHEME)) ses.protocol.unhandle(APP_SCHEME);
  ses.protocol.handle(APP_SCHEME, (request) =>
    request.url === url
      ? new Response(report.html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REPORT_CSP, 'Cache-Control': 'no-store' } })
      : new Response('Not found', { status: 404 }),
  );

  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    // HARDENED_WEB_PREFERENCES (webPreferences.ts) written out, for Electronegativity; a test checks they are equal.
    webPreferences: {
      session: ses,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
      // A hidden window may be throttled and never finish painting (PITFALLS).
      backgroundThrottling: false,
    },
  });
  try {
    await win.loadURL(url);
    // The page itself may run no script (its CSP); the embedder's check for loaded fonts is not page script.
    await Promise.race([
      win.webContents.executeJavaScript('document.fonts.ready.then(() => document.fonts.status)', true).catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, FONT_WAIT_MS)),
    ]);
    const s = printSettings(report.pageSize, report.footer);
    return await win.webContents.printToPDF({
      pageSize: s.pageSize,
      margins: s.marginsInches,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: s.headerTemplate,
      footerTemplate: s.footerTemplate,
      preferCSSPageSize: false,
      generateDocumentOutline: true,
      generateTaggedPDF: true,
    });
  } finally {
    if (!win.isDestroyed()) win.destroy();
    ses.protocol.unhandle(APP_SCHEME);
  }
}

/**
 * The `saveReportPdf` method in the desktop app: validated like every request, then the
 * engine's HTML, a save dialog (cancel → `path: null`), printToPDF and the file.
 */
export async function saveReportPdf(engine: Engine, payload: unknown, win: BrowserWindow, defaultDir: string): Promise<Result<ReportPdf>> {
  const req = parseRequest('saveReportPdf', payload);
  if (!req.ok) return req;
  const built = await engine.call('reportHtml', { config: req.value.config, meta: req.value.meta });
  if (!built.ok) return built;
  const options: SaveDialogOptions = {
    title: 'Save report as PDF',
    buttonLabel: 'Save PDF',
    defaultPath: join(defaultDir, built.value.fileName),
    filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const { canceled, filePath } = await dialog.showSaveDialog(win, options);
  if (canceled || !filePath) return { ok: true, value: { path: null, fileName: built.value.fileName, bytes: 0 } };
  const path = extname(filePath).toLowerCase() === '.pdf' ? filePath : `${filePath}.pdf`;
  try {
    const pdf = await printReportHtml(built.value);
    await writeFile(path, pdf);
    return { ok: true, value: { path, fileName: basename(path), bytes: pdf.length } };
  } catch (err) {
    return failure(`Cannot save the report to ${path}: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
  }
}
