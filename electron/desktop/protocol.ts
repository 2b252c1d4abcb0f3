/**
 * Serves the renderer from app://mentor-impact/ instead of file://, with the CSP and
 * other security headers on every response.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { mimeType } from '../common/staticFiles';
import { APP_SCHEME, resolveAppFile, securityHeaders } from './appUrl';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** A handler for `protocol.handle('app', …)` serving files under `rendererDir` only. */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const file = await resolveAppFile(rendererDir, request.url);
    if (!file) return textResponse(404, 'Not found');
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: securityHeaders(mimeType(file)) });
    } catch {
      return textResponse(404, 'Not found');
    }
  };
}

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));
}
