/** PDF checks with poppler (pdfinfo, pdftotext, pdftoppm) and the Chromium the report prints with. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../../../electron/engine/report/chromium';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const OUTPUT_DIR = join(ROOT, 'test-output', 'report');

const has = (cmd: string) => spawnSync(cmd, ['-v'], { encoding: 'utf8' }).error === undefined;
export const CHROMIUM = findChromium();
export const HAS_POPPLER = has('pdfinfo') && has('pdftotext') && has('pdftoppm');
export const CAN_PRINT = CHROMIUM !== null && HAS_POPPLER;

const MISSING = [
  ...(CHROMIUM ? [] : ['no Chromium found (install chromium or set CHROMIUM_PATH)']),
  ...(HAS_POPPLER ? [] : ['poppler-utils (pdfinfo, pdftotext, pdftoppm) is not installed']),
];

/**
 * Skip the PDF tests where they cannot print — except on CI, which installs Chromium and
 * poppler: there a missing tool makes them run and fail rather than pass unseen.
 */
export const SKIP_PRINT = !CAN_PRINT && process.env.CI !== 'true';

/** A suite or test title that says, when skipped, what is missing. */
export const printTitle = (name: string): string => (SKIP_PRINT ? `${name} (skipped: ${MISSING.join('; ')})` : name);

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export function pdfInfo(path: string): { pages: number; pageSize: string; title: string; tagged: boolean } {
  const out = run('pdfinfo', [path]);
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(out)?.[1]?.trim() ?? '';
  return { pages: Number(field('Pages')), pageSize: field('Page size'), title: field('Title'), tagged: field('Tagged') === 'yes' };
}

/** The PDF's text in reading order, as one line (compare sentences with `squash`). */
export function pdfText(path: string): string {
  return run('pdftotext', ['-enc', 'UTF-8', path, '-']).replace(/\s+/g, ' ');
}

/**
 * For comparing sentences with PDF text: without whitespace and hyphens, because
 * pdftotext drops the hyphen where Chromium broke a line after one ("difference-in-|differences",
 * "2025-|09-30"). Minus signs (U+2212), digits and every other character stay.
 */
export const squash = (s: string): string => s.replace(/[\s-]+/g, '');

/** Renders every page to PNG under test-output/report/ for a person to review; returns the files. */
export function renderPages(path: string, name: string, dpi = 70): string[] {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const f of readdirSync(OUTPUT_DIR)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(OUTPUT_DIR, f));
  run('pdftoppm', ['-png', '-r', String(dpi), path, join(OUTPUT_DIR, name)]);
  return readdirSync(OUTPUT_DIR).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).sort();
}
