/**
 * The command line's and the browser-mode server's PDF printer: the system's Chromium,
 * driven by playwright-core. One browser per print job (the CLI prints one report per
 * run); every network request of the page is refused, and the page runs no script.
 *
 * playwright-core is loaded lazily and by a computed name, so that bundles that never
 * print this way (the Electron main process, which uses printToPDF) do not contain it.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { EngineError } from '../errors';
import { printSettings } from './print';
import type { PageSize } from './print';

/** Where Chromium usually is, after $CHROMIUM_PATH. */
const CANDIDATES: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/usr/bin/microsoft-edge'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    join(process.env['PROGRAMFILES'] ?? 'C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'),
    join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google', 'Chrome', 'Application', 'chrome.exe'),
    join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
  ],
};
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const NO_CHROMIUM = 'No Chromium found: install chromium or set CHROMIUM_PATH';

function executable(path: string): boolean {
  try {
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to print with: $CHROMIUM_PATH when set (and only it: a wrong path is an
 * error, not a reason to pick another browser), else the usual install locations, else
 * the PATH. null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env['CHROMIUM_PATH'];
  if (given) return executable(given) ? given : null;
  for (const p of CANDIDATES[process.platform] ?? []) if (executable(p)) return p;
  if (process.platform !== 'win32') {
    for (const dir of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
      for (const name of PATH_NAMES) if (executable(join(dir, name))) return join(dir, name);
    }
  }
  return null;
}

/** The message for a missing browser, naming a wrong $CHROMIUM_PATH. */
export function noChromiumMessage(env: NodeJS.ProcessEnv = process.env): string {
  const given = env['CHROMIUM_PATH'];
  return given ? `${NO_CHROMIUM} (CHROMIUM_PATH=${given} is not an executable file)` : NO_CHROMIUM;
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check'];

type PlaywrightCore = typeof import('playwright-core');

async function loadPlaywright(): Promise<PlaywrightCore> {
  const name = 'playwright-core';
  try {
    const mod = (await import(/* @vite-ignore */ name)) as PlaywrightCore & { default?: PlaywrightCore };
    return mod.chromium ? mod : mod.default!;
  } catch {
    throw new EngineError('no_printer', 'Cannot print: the playwright-core package is not installed (npm install)');
  }
}

export interface PdfJob {
  html: string;
  pageSize: PageSize;
  /** Running footer text (report title and date); page numbers are added. */
  footer: string;
}

/** A launched Chromium that prints HTML to PDF; close it when done. */
export class ChromiumPrinter {
  private constructor(private readonly browser: Browser) {}

  static async launch(executablePath: string | null = findChromium()): Promise<ChromiumPrinter> {
    if (!executablePath) throw new EngineError('no_chromium', noChromiumMessage());
    const { chromium } = await loadPlaywright();
    try {
      const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS, timeout: 60_000 });
      return new ChromiumPrinter(browser);
    } catch (err) {
      const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      throw new EngineError('no_chromium', `Cannot start Chromium at ${executablePath}: ${first}`);
    }
  }

  async print(job: PdfJob): Promise<Buffer> {
    const context = await this.browser.newContext({ offline: true, serviceWorkers: 'block', acceptDownloads: false });
    try {
      await context.route('**/*', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.setContent(job.html, { waitUntil: 'load', timeout: 60_000 });
      // Fonts are embedded (data: URLs) and charts are inline SVG: only the fonts can still be loading.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const s = printSettings(job.pageSize, job.footer);
      return await page.pdf({
        format: s.pageSize,
        margin: s.marginsCss,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: s.headerTemplate,
        footerTemplate: s.footerTemplate,
        preferCSSPageSize: false,
        outline: true,
        tagged: true,
      });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** Launches Chromium, prints one report and closes it. */
export async function printPdf(job: PdfJob, executablePath?: string | null): Promise<Buffer> {
  const printer = await ChromiumPrinter.launch(executablePath === undefined ? findChromium() : executablePath);
  try {
    return await printer.print(job);
  } finally {
    await printer.close();
  }
}
