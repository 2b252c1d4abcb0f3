/**
 * The app:// origin the window's pages come from, and its rules: which URLs belong to the
 * app, which file a URL maps to (the browser-mode server's resolver: never outside the
 * renderer folder), and the headers sent with every page. No Electron imports: tests run
 * this in Node.
 */
import { SECURITY_HEADERS } from '../common/securityHeaders';
import { resolveStaticFile } from '../common/staticFiles';

export const APP_SCHEME = 'app';
export const APP_HOST = 'mentor-impact';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of the app's own origin (app://mentor-impact/…), and nothing else. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && url.startsWith(`${APP_ORIGIN}/`);
}

/** True for the app's origin as Chromium reports it to permission checks (with or without the trailing slash). */
export function isAppOrigin(origin: string): boolean {
  return origin === APP_ORIGIN || origin === `${APP_ORIGIN}/`;
}

/**
 * A download the app's own page made from data it holds (a chart's PNG/SVG, a CSV, a PDF
 * in browser mode): a blob: URL of the app's origin or a data: URL, started by an app://
 * page. Anything else (a link to the web, a file:// URL, another origin's blob) is not one.
 */
export function isAppDownload(url: string, pageUrl: string): boolean {
  return isAppUrl(pageUrl) && (url.startsWith(`blob:${APP_ORIGIN}/`) || url.startsWith('data:'));
}

/**
 * The regular file under `rootDir` an app:// URL names, or null when the URL is not the
 * app's or the server's resolver refuses its path (`..`, encoded separators, NUL, dot-files,
 * symlinks out of `rootDir`). `/` serves index.html.
 */
export async function resolveAppFile(rootDir: string, url: string): Promise<string | null> {
  return isAppUrl(url) ? resolveStaticFile(rootDir, new URL(url).pathname) : null;
}

/** Headers for every app:// response, errors included: the browser-mode server's, with the type. */
export function securityHeaders(contentType: string): Record<string, string> {
  return { 'Content-Type': contentType, ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' };
}
