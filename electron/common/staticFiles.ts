/**
 * Which file under the renderer folder a URL path names, and its MIME type, for both hosts
 * that serve the renderer: the browser-mode server (server/serveStatic.ts) and the desktop
 * app's app:// protocol (desktop/protocol.ts). One set of traversal rules, so a refusal
 * proved for one holds for the other.
 */
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The path under `root` that a URL path (still percent-encoded) names, or null. Pure: no
 * file-system access. Refuses what could reach outside `root` or at hidden files: bad
 * percent-encoding, NUL, backslashes (encoded or not), dot-segments and dot-files.
 * `/` names index.html.
 */
export function resolveUrlPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s.startsWith('.'))) return null;
  const candidate = resolve(root, ...segments);
  return inside(resolve(root), candidate) ? candidate : null;
}

/**
 * `resolveUrlPath`, then the file system's word: a regular file whose real path (symlinks
 * followed) is still under root's real path; otherwise null.
 */
export async function resolveStaticFile(root: string, pathname: string): Promise<string | null> {
  const realRoot = await realpath(root).catch(() => null);
  const candidate = realRoot && resolveUrlPath(realRoot, pathname);
  if (!realRoot || !candidate) return null;
  try {
    const real = await realpath(candidate);
    if (!inside(realRoot, real) || !(await stat(real)).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}
