/**
 * The command-line host: mentor-impact import|analyze|report. Exit 0 on success; on bad input one
 * line naming file, line and column on stderr, exit 1, and the project unchanged.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { packageVersion } from '../common/packageVersion';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiError } from '../../shared/result';
import { IMPORT_KINDS } from '../../shared/domain';
import type { ImportKind, ImportSummary } from '../../shared/domain';
import { Engine } from '../engine/service';
import { defaultDataDir, findSampleDataDir } from '../common/paths';
import { ChromiumPrinter, findChromium, noChromiumMessage, PAGE_SIZES } from '../engine/report';
import type { PageSize } from '../engine/report';
import { REPORT_SECTIONS } from '../../shared/report';
import type { ReportSection } from '../../shared/report';

const USAGE = `usage:
  mentor-impact import  <project.duckdb> --kind roster|people|survey|performance <file.csv>
                        [--mapping mapping.json] [--as-of YYYY-MM-DD] [--mode replace|append] [--json out.json]
  mentor-impact analyze <project.duckdb> [--config analysis.json] --json <out.json>
  mentor-impact report  <project.duckdb> [--config analysis.json] --out <report.pdf>
                        [--title T] [--organisation O] [--author A] [--period P] [--page-size A4|Letter]
                        [--sections summary,population,beforeAfter,comparison,retention,survey,segments,methods,sources]
                        [--html report.html]
                        (prints with Chromium: found automatically, or set CHROMIUM_PATH)`;

class UsageError extends Error {}

async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`${path}: cannot read the ${what} file`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path}: the ${what} file is not valid JSON (${(err as Error).message})`);
  }
}

function formatError(e: ApiError): string {
  return e.message;
}

const count = (n: number) => n.toLocaleString('en-US');
const counted = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/**
 * What an import did, for the terminal. Rows are rows of the file (as in --json); a wide
 * survey row holds one item score per answered item, so those are counted too.
 */
export function importSummaryLines(s: ImportSummary): string[] {
  const items = s.itemScores;
  const loaded = `Imported ${count(s.rowsLoaded)} of ${counted(s.rowsRead, 'row')}${items ? ` (${counted(items.loaded, 'item score')})` : ''}`;
  const rejected = items && s.rowsRejected ? `${counted(s.rowsRejected, 'row')} with rejected values (${counted(items.rejected, 'value')})` : `${count(s.rowsRejected)} rejected`;
  const dup = s.duplicatesSkipped ? `, ${count(s.duplicatesSkipped)} ${items ? 'item scores already in the project' : 'duplicates'} skipped` : '';
  const empty = s.emptyRowsSkipped ? `, ${counted(s.emptyRowsSkipped, 'empty row')} skipped` : '';
  const again = s.previousImportId ? ` (this file was already imported as import ${s.previousImportId})` : '';
  const lines = [`${loaded} from ${s.fileName} as ${s.kind}: ${rejected}${dup}${empty}${again}.`];
  for (const w of s.warnings ?? []) lines.push(`Warning: ${w}`);
  for (const r of s.rejects.slice(0, 5)) lines.push(`  line ${r.line}, column ${r.column}: ${r.reason} (value "${r.value}")`);
  const entries = items?.rejected ?? s.rowsRejected;
  if (entries > 5) lines.push(`  … ${count(entries - 5)} more in the project's import_rejects table`);
  return lines;
}

async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      mapping: { type: 'string' },
      'as-of': { type: 'string' },
      mode: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const [projectPath, file] = positionals;
  if (!projectPath || !file || positionals.length > 2) throw new UsageError('import needs a project and one CSV file');
  if (!values.kind || !IMPORT_KINDS.includes(values.kind as ImportKind)) throw new UsageError(`--kind must be one of ${IMPORT_KINDS.join(', ')}`);
  const mapping = values.mapping ? await readJsonFile(values.mapping, 'mapping') : undefined;

  const engine = new Engine({ host: 'direct', dataDir: defaultDataDir(), sampleDataDir: findSampleDataDir() });
  try {
    const opened = await engine.api.openProject({ path: projectPath });
    if (!opened.ok) return fail(opened.error);
    const res = await engine.api.importFile({
      file: { path: resolve(file) },
      fileName: basename(file),
      kind: values.kind as ImportKind,
      mapping: mapping as never,
      asOf: values['as-of'],
      mode: values.mode as 'replace' | 'append' | undefined,
    });
    if (!res.ok) return fail(res.error);
    const s = res.value;
    if (values.json) await writeFile(values.json, JSON.stringify(s, null, 2) + '\n');
    for (const line of importSummaryLines(s)) console.log(line);
    return 0;
  } finally {
    await engine.closeProject();
  }
}

async function runAnalyze(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { config: { type: 'string' }, json: { type: 'string' } } });
  const [projectPath] = positionals;
  if (!projectPath || positionals.length > 1) throw new UsageError('analyze needs one project file');
  if (!values.json) throw new UsageError('analyze needs --json <out.json>');
  if (!existsSync(projectPath)) throw new UsageError(`${projectPath}: no such project file`);
  const config = values.config ? await readJsonFile(values.config, 'analysis config') : undefined;
  // Only reading: a project on a read-only disk (or without write permission) can be analysed.
  const engine = new Engine({ host: 'direct', dataDir: defaultDataDir(), sampleDataDir: findSampleDataDir(), readOnly: true });
  try {
    const opened = await engine.api.openProject({ path: projectPath });
    if (!opened.ok) return fail(opened.error);
    const res = await engine.api.analyze({ config: config as never });
    if (!res.ok) return fail(values.config && res.error.code === 'bad_request' ? { ...res.error, message: `${values.config}: ${res.error.message}` } : res.error);
    await writeFile(values.json, JSON.stringify(res.value, null, 2) + '\n');
    const { population } = res.value;
    console.log(`Analysed ${population.participants} participants and ${population.comparison} comparison people; wrote ${values.json}.`);
    return 0;
  } finally {
    await engine.closeProject();
  }
}

async function runReport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      out: { type: 'string' },
      html: { type: 'string' },
      title: { type: 'string' },
      organisation: { type: 'string' },
      author: { type: 'string' },
      period: { type: 'string' },
      sections: { type: 'string' },
      'page-size': { type: 'string' },
    },
  });
  const started = Date.now();
  const [projectPath] = positionals;
  if (!projectPath || positionals.length > 1) throw new UsageError('report needs one project file');
  if (!values.out) throw new UsageError('report needs --out <report.pdf>');
  if (!existsSync(projectPath)) throw new UsageError(`${projectPath}: no such project file`);
  const pageSize = values['page-size'] ?? 'A4';
  if (!PAGE_SIZES.includes(pageSize as PageSize)) throw new UsageError(`--page-size must be ${PAGE_SIZES.join(' or ')}`);
  const sections = values.sections?.split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = sections?.filter((x) => !(REPORT_SECTIONS as readonly string[]).includes(x));
  if (unknown?.length) throw new UsageError(`unknown report section "${unknown[0]}"; sections: ${REPORT_SECTIONS.join(', ')}`);
  const config = values.config ? await readJsonFile(values.config, 'analysis config') : undefined;

  // No browser, no report: say so before touching the project. Chromium starts while the engine analyses.
  const executablePath = findChromium();
  if (!executablePath) return fail({ code: 'no_chromium', message: noChromiumMessage() });
  const launching = ChromiumPrinter.launch(executablePath);
  launching.catch(() => undefined);

  const engine = new Engine({ host: 'direct', dataDir: defaultDataDir(), sampleDataDir: findSampleDataDir(), version: await packageVersion(), readOnly: true });
  let printer: ChromiumPrinter | null = null;
  try {
    const opened = await engine.api.openProject({ path: projectPath });
    if (!opened.ok) return fail(opened.error);
    const meta = { title: values.title, organisation: values.organisation, author: values.author, period: values.period, sections: sections as ReportSection[] | undefined, pageSize: pageSize as PageSize };
    const res = await engine.api.reportHtml({ config: config as never, meta });
    if (!res.ok) return fail(values.config && res.error.code === 'bad_request' ? { ...res.error, message: `${values.config}: ${res.error.message}` } : res.error);
    if (values.html) await writeFile(values.html, res.value.html);
    printer = await launching;
    const pdf = await printer.print({ html: res.value.html, pageSize: res.value.pageSize, footer: res.value.footer });
    await writeFile(values.out, pdf);
    console.log(`Wrote ${values.out} (${Math.round(pdf.length / 1024)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await (printer ?? (await launching.catch(() => null)))?.close();
    await engine.closeProject();
  }
}

function fail(e: ApiError): number {
  console.error(`mentor-impact: ${formatError(e)}`);
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'import':
        return await runImport(rest);
      case 'analyze':
        return await runAnalyze(rest);
      case 'report':
        return await runReport(rest);
      case undefined:
      case '--help':
      case '-h':
        console.log(USAGE);
        return command ? 0 : 2;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`mentor-impact: ${err.message}\n${USAGE}`);
      return 2;
    }
    console.error(`mentor-impact: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

// Run as a script (`tsx electron/cli/main.ts`, `node dist-electron/cli.cjs`), not imported by bin/ or a test.
const invokedDirectly = process.argv[1] && /(?:cli[\\/]main\.ts|cli\.[cm]?js)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
