/**
 * Compiles a spec with Vega-Lite and renders it with Vega in Node, as the app
 * does (vega-embed `ast: true`: expressions run in vega-interpreter, no eval).
 * Vega-Lite warnings are collected so tests can insist on none.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

export interface Rendered {
  svg: string;
  warnings: string[];
  /** Text content of every <text> element, entities decoded. */
  texts: string[];
}

export async function renderSvg(spec: TopLevelSpec): Promise<Rendered> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...args: unknown[]) => (warnings.push(args.map(String).join(' ')), logger),
    info: () => logger,
    debug: () => logger,
    error: (...args: unknown[]) => {
      throw new Error(args.map(String).join(' '));
    },
  };
  // Round-trip through JSON: the spec must be plain data (it crosses IPC and goes into files).
  const plain = JSON.parse(JSON.stringify(spec)) as TopLevelSpec;
  const compiled = compile(plain, { logger: logger as never });
  const runtime = vega.parse(compiled.spec, undefined, { ast: true });
  const view = new vega.View(runtime, { renderer: 'none', expr: expressionInterpreter as never, logLevel: vega.Warn });
  view.logger({
    level: () => 0,
    warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')),
    info: () => undefined,
    debug: () => undefined,
    error: (...args: unknown[]) => warnings.push(`error: ${args.map(String).join(' ')}`),
  } as never);
  const svg = await view.toSVG();
  view.finalize();
  const texts = [...svg.matchAll(/<text\b[^>]*?(?:\/>|>([\s\S]*?)<\/text>)/g)].map((m) =>
    (m[1] ?? '')
      .replace(/<tspan[^>]*>/g, '')
      .replace(/<\/tspan>/g, '\n')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .trim(),
  );
  return { svg, warnings, texts };
}

/** Writes the SVG under test-output/charts/ (gitignored) for a person to look at. */
export function saveSvg(name: string, svg: string): string {
  const dir = fileURLToPath(new URL('../../../test-output/charts/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.svg`);
  writeFileSync(path, svg);
  return path;
}

/** Renders and returns the SVG text of a spec, failing on any Vega-Lite or Vega warning. */
export async function renderClean(spec: TopLevelSpec): Promise<Rendered & { all: string }> {
  const r = await renderSvg(spec);
  if (r.warnings.length) throw new Error(`warnings: ${r.warnings.join('; ')}`);
  if (!r.svg.startsWith('<svg') || !r.svg.includes('class="marks"')) throw new Error('no SVG');
  return { ...r, all: r.texts.join(' ').replace(/\s+/g, ' ') };
}
