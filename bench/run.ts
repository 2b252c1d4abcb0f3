/**
 * npm run bench [-- --full] [-- --runs N] [-- --against REV]   (or BENCH_FULL=1, BENCH_RUNS=N; default 5 runs)
 *
 * --against REV also builds the CLI of git revision REV (a worktree in node_modules/.cache)
 * and runs its analyze alternately with this one's on the same project, so a change can be
 * judged by a ratio from one run instead of absolute times from two.
 *
 * Issue #7's benchmark: the CLI's import against DuckDB's own CSV import of the same file
 * (whole processes, alternating runs, ratio of medians), analyze, report and peak RSS.
 * Prints a table and writes BENCHMARKS.md. Timings only: no assertions.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { PEOPLE, generate } from './generate';
import { alternate, median, medianMs, peakRss, rssMethod, runOnce } from './measure';
import type { Run, Series, Spec } from './measure';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

const { values } = parseArgs({ options: { full: { type: 'boolean' }, runs: { type: 'string' }, against: { type: 'string' } } });
const full = values.full === true || process.env.BENCH_FULL === '1';
const RUNS = Math.max(3, Number(values.runs ?? process.env.BENCH_RUNS ?? 5));
const SURVEY_SIZES = full ? [1_000_000, 5_000_000, 20_000_000] : [1_000_000, 5_000_000];
const log = (line: string) => console.error(line);
const s = (ms: number) => (ms / 1000).toFixed(2);

async function duckdbVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const reader = await conn.runAndReadAll('SELECT version()');
  const v = String(reader.getRows()[0]?.[0]);
  conn.closeSync();
  instance.closeSync();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules/@duckdb/node-api/package.json'), 'utf8')) as { version: string };
  return `${v} (@duckdb/node-api ${pkg.version})`;
}

function machine(): string {
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? '?';
  const memKb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  return `${cpu}, ${cpus().length} cores, ${(memKb / 1024 ** 2).toFixed(1)} GiB RAM`;
}

/** The engine measured: commit, and whether electron/engine/ had uncommitted changes. */
function engineRevision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'electron/engine', 'shared'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes in electron/engine or shared` : head;
  } catch {
    return 'unknown (no git)';
  }
}

// ---- set-up: data, a snapshot of the CLI, scratch folders ----
const version = await duckdbVersion();
const files = await generate(version, SURVEY_SIZES, log);
const work = join(files.dir, '..', `run-${process.pid}`);
const fresh = join(work, 'fresh');
mkdirSync(work, { recursive: true });
let against: { rev: string; dir: string; cli: string } | null = null;
process.on('exit', () => {
  rmSync(work, { recursive: true, force: true });
  rmSync(cliDir, { recursive: true, force: true });
  if (against) {
    rmSync(against.dir, { recursive: true, force: true });
    execFileSync('git', ['worktree', 'prune'], { cwd: ROOT });
  }
});
const cliEnv: NodeJS.ProcessEnv = { ...process.env, MENTOR_IMPACT_HOME: join(work, 'home') };

/**
 * Bundles the current engine into node_modules/.cache/ (dist-electron/ is left alone, and a
 * snapshot keeps the run consistent while the sources change). Inside the checkout, so the
 * bundle resolves its external packages (@duckdb/*, playwright-core) as dist-electron/ would.
 */
const cliDir = join(ROOT, 'node_modules', '.cache', 'mentor-impact-bench', `cli-${process.pid}`);
function buildCli(): { args: string[]; note: string } {
  if (existsSync(join(ROOT, 'scripts/build-electron.mjs'))) return { args: [join(cliDir, 'cli.cjs')], note: 'node cli.cjs (esbuild bundle by `scripts/build-electron.mjs --outdir`, built at the start of the run)' };
  return { args: [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'electron/cli/main.ts')], note: 'tsx electron/cli/main.ts (no build script found)' };
}
const cli = buildCli();
const revision = engineRevision();
if (cli.args.length === 1) await runOnce({ cmd: process.execPath, args: ['scripts/build-electron.mjs', '--outdir', cliDir], cwd: ROOT, scratch: work });

/** --against: the other revision's checkout (sharing this node_modules) and its bundled CLI. */
against = values.against ? await buildAgainst(values.against) : null;
async function buildAgainst(rev: string): Promise<{ rev: string; dir: string; cli: string }> {
  const commit = execFileSync('git', ['rev-parse', '--short', `${rev}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = join(ROOT, 'node_modules', '.cache', 'mentor-impact-bench', `against-${process.pid}`);
  execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  await runOnce({ cmd: process.execPath, args: ['scripts/build-electron.mjs', '--outdir', join(dir, 'bench-cli')], cwd: dir, scratch: work });
  return { rev: commit, dir, cli: join(dir, 'bench-cli', 'cli.cjs') };
}

/** Wipes the scratch folder so every measured run starts from nothing. */
function freshDir(): string {
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  return fresh;
}
const cliSpec = (...args: string[]): Spec => ({ cmd: process.execPath, args: [...cli.args, ...args], cwd: ROOT, env: cliEnv, scratch: work });
const rawSpec = (file: string): Spec => ({ cmd: process.execPath, args: [join(ROOT, 'bench/raw-import.mjs'), join(freshDir(), 'raw.duckdb'), file], cwd: ROOT, scratch: work });
const importSpec = (kind: string, file: string) => cliSpec('import', join(freshDir(), 'project.duckdb'), '--kind', kind, file);

// ---- measurements ----
interface Row {
  what: string;
  rows: number | null;
  series: Series;
  baseline?: Series;
}
const results: Row[] = [];
const notes: string[] = [];

async function compareImport(what: string, kind: string, file: string, rows: number): Promise<Row> {
  log(`${what}: ${RUNS} alternating runs of the CLI and raw DuckDB …`);
  const [series, baseline] = await alternate(
    RUNS,
    { label: `cli import --kind ${kind}`, spec: () => importSpec(kind, file) },
    { label: 'raw DuckDB read_csv', spec: () => rawSpec(file) },
  );
  const row = { what, rows, series, baseline };
  results.push(row);
  return row;
}

const surveyRows: Row[] = [];
for (const [n, file] of files.surveys) surveyRows.push(await compareImport(`import survey ${n / 1e6}M rows`, 'survey', file, n));
await compareImport(`import people ${PEOPLE / 1000}k (HRIS)`, 'people', files.hris, PEOPLE);
await compareImport('import performance 1M reviews', 'performance', files.reviews, 5 * PEOPLE);

// The analysis project: 200k people + roster + 5M survey rows + 1M reviews (built once, untimed).
const base = join(work, 'analysis.duckdb');
const survey5m = files.surveys.get(5_000_000)!;
log('building the analysis project (200k people, roster, 5M survey rows, 1M reviews) …');
for (const [kind, file] of [['people', files.hris], ['roster', files.roster], ['survey', survey5m], ['performance', files.reviews]] as const) {
  const r = await runOnce(cliSpec('import', base, '--kind', kind, file));
  log(`  ${r.output.trim().split('\n')[0]}`);
}
const config = join(work, 'analysis.json');
writeFileSync(config, JSON.stringify({ survey: { reverseItems: ['ENG6'] } }));

/** Each run gets an untouched copy of `project`, so no run profits from another's cache. */
async function repeated(label: string, project: string, args: (copy: string) => string[]): Promise<Series> {
  const series: Series = { label, runs: [] };
  for (let i = -1; i < RUNS; i++) {
    const copy = join(freshDir(), 'project.duckdb');
    copyFileSync(project, copy);
    const run = await runOnce(cliSpec(...args(copy)));
    if (i < 0) continue; // untimed warm-up, as in alternate()
    series.runs.push(run);
    log(`  ${label}: ${s(run.ms)} s`);
  }
  return series;
}

log(`analyze: ${RUNS} runs …`);
const analyzeJson = join(work, 'analysis-out.json');
const analyze = await repeated('cli analyze', base, (p) => ['analyze', p, '--config', config, '--json', analyzeJson]);
results.push({ what: 'analyze 200k people + 5M survey + 1M reviews', rows: null, series: analyze });
if (against) {
  log(`analyze against ${against.rev}: ${RUNS} alternating runs …`);
  const copyOf = () => {
    const copy = join(freshDir(), 'project.duckdb');
    copyFileSync(base, copy);
    return copy;
  };
  const [now, then] = await alternate(
    RUNS,
    { label: 'cli analyze', spec: () => cliSpec('analyze', copyOf(), '--config', config, '--json', analyzeJson) },
    { label: `cli analyze at ${against.rev}`, spec: () => ({ ...cliSpec(), args: [against.cli, 'analyze', copyOf(), '--config', config, '--json', join(work, 'against-out.json')] }) },
  );
  results.push({ what: `analyze, alternating with the CLI at ${against.rev} (ratio = this ÷ ${against.rev})`, rows: null, series: now, baseline: then });
  const [mine, theirs] = [analyzeJson, join(work, 'against-out.json')].map((f) => readFileSync(f, 'utf8'));
  notes.push(`analyze at ${against.rev} ${mine === theirs ? 'wrote the same JSON, byte for byte' : `wrote a different JSON: ${jsonDifferences(JSON.parse(mine!), JSON.parse(theirs!))}`}.`);
}
const population = (JSON.parse(readFileSync(analyzeJson, 'utf8')) as { population?: { participants: number; comparison: number } }).population;
if (population) notes.push(`analyze found ${population.participants} participants and ${population.comparison} comparison people.`);

const help = (await runOnce(cliSpec('--help'))).output;
let report: Series | null = null;
let reportError: string | null = null;
if (/\breport\b/.test(help)) {
  const sample = join(work, 'sample.duckdb');
  const sd = join(ROOT, 'sample-data');
  for (const [kind, file] of [['people', 'hris_export.csv'], ['roster', 'program_roster.csv'], ['survey', 'engagement_survey.csv'], ['performance', 'performance_reviews.csv']]) {
    await runOnce(cliSpec('import', sample, '--kind', kind!, join(sd, file!), ...(kind === 'people' ? ['--as-of', '2025-09-30'] : [])));
  }
  log(`report: ${RUNS} runs …`);
  try {
    report = await repeated('cli report', sample, (p) => ['report', p, '--config', config, '--out', join(fresh, 'report.pdf')]);
    results.push({ what: 'report (sample data → PDF)', rows: null, series: report });
  } catch (err) {
    reportError = (err as Error).message.split('\n').filter((l) => l.trim()).pop() ?? String(err);
    notes.push(`\`report\` failed, so the sample-report target was not measured: ${reportError}`);
  }
} else {
  notes.push('`report` is not a command of this CLI yet (not in `--help`): the sample-report target was not measured.');
}

// ---- verdicts ----
const mib = (b: number | null) => (b === null ? '–' : `${Math.round(b / MiB)} MiB`);
const ratio = (r: Row) => (r.baseline ? medianMs(r.series) / medianMs(r.baseline) : null);
const rate = (rows: number, ms: number) => `${((rows / ms) * 1000 / 1e6).toFixed(2)}M/s`;

const survey5 = surveyRows.find((r) => r.rows === 5_000_000)!;
const peak = Math.max(...results.map((r) => peakRss(r.series) ?? 0));
/** Linear: from each size to the next, time grows at most 1.25× as fast as the row count. */
const growth = surveyRows.slice(1).map((r, i) => {
  const prev = surveyRows[i]!;
  return { from: prev.rows!, to: r.rows!, factor: medianMs(r.series) / medianMs(prev.series) / (r.rows! / prev.rows!) };
});
const targets: [string, boolean | null, string][] = [
  ['import ≤ 1.5× raw DuckDB (5M survey rows, process start included)', ratio(survey5)! <= 1.5, `${ratio(survey5)!.toFixed(2)}×`],
  ['analyze < 2 s (200k people + 5M survey rows)', median(analyze.runs.map((r) => r.ms)) < 2000, `${s(medianMs(analyze))} s`],
  ['sample report < 5 s', report ? medianMs(report) < 5000 : null, report ? `${s(medianMs(report))} s` : reportError ? 'report failed (see below)' : 'no `report` command yet'],
  ['peak RSS < 1.5 GiB (every CLI process)', peak < 1.5 * GiB, mib(peak)],
  [
    'time linear in rows',
    growth.every((g) => g.factor <= 1.25),
    growth.map((g) => `${g.from / 1e6}M→${g.to / 1e6}M: time/rows grew ${g.factor.toFixed(2)}×`).join('; '),
  ],
];
const mark = (ok: boolean | null) => (ok === null ? '–' : ok ? '✓' : '✗');

// ---- output ----
const runsOf = (x: Series) => x.runs.map((r: Run) => s(r.ms)).join(', ');
const table = [
  '| measurement | median | runs (s) | rows/s | peak RSS | raw DuckDB median | raw runs (s) | raw peak RSS | ratio |',
  '|---|---:|---|---:|---:|---:|---|---:|---:|',
  ...results.map((r) =>
    [
      r.what,
      `${s(medianMs(r.series))} s`,
      runsOf(r.series),
      r.rows ? rate(r.rows, medianMs(r.series)) : '',
      mib(peakRss(r.series)),
      r.baseline ? `${s(medianMs(r.baseline))} s` : '',
      r.baseline ? runsOf(r.baseline) : '',
      r.baseline ? mib(peakRss(r.baseline)) : '',
      r.baseline ? `${ratio(r)!.toFixed(2)}×` : '',
    ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'),
  ),
].join('\n');
const linearity = [
  '| survey rows | CLI median | CLI rows/s | raw median | raw rows/s |',
  '|---:|---:|---:|---:|---:|',
  ...surveyRows.map((r) => `| ${r.rows!.toLocaleString('en-US')} | ${s(medianMs(r.series))} s | ${rate(r.rows!, medianMs(r.series))} | ${s(medianMs(r.baseline!))} s | ${rate(r.rows!, medianMs(r.baseline!))} |`),
].join('\n');
const targetTable = ['| target | result | |', '|---|---|:-:|', ...targets.map(([t, ok, v]) => `| ${t} | ${v} | ${mark(ok)} |`)].join('\n');

const md = `# Benchmarks

Written by \`npm run bench\`${full ? ' -- --full' : ''} (bench/run.ts); numbers from one run, not assertions.

- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC
- Machine: ${machine()}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')}
- Node ${process.version}; DuckDB ${version}
- CLI: ${cli.note}; engine at ${revision}
- Baseline: \`node bench/raw-import.mjs\`, i.e. \`CREATE TABLE t AS SELECT * FROM read_csv('<file>')\` (DuckDB's own type sniffing) into a fresh database file in a fresh Node process
- Each measurement: ${RUNS} runs${RUNS > 1 ? ', CLI and baseline alternating (A B, B A, …)' : ''}, whole processes (spawn to exit, start-up included), each after an untimed \`sync\` and the series after one untimed warm-up run, median; every import into a fresh project; analyze and report on an untouched copy of the project each run
- Peak RSS: ${rssMethod}, the largest of the runs
- Data (seeded, generated by DuckDB, cached in \`${files.dir}\`): HRIS export ${PEOPLE.toLocaleString('en-US')} people; roster 8 cohorts × 625 mentees + 2,000 mentor places; long-form survey ${SURVEY_SIZES.map((n) => `${n / 1e6}M`).join(' / ')} rows (8 items a response, quarterly waves 2019–2025); 1M performance reviews (FY2020–FY2024, US dates)${full ? '' : '; 20M survey rows only with `--full` / `BENCH_FULL=1`'}

## Results

${table}

## Linearity (survey import)

${linearity}

## Targets

${targetTable}

${notes.map((n) => `- ${n}`).join('\n')}
- A shared 2-core machine with other work running: timings are noisy; compare ratios from the same run rather than absolute times across runs.
`;

console.log(`\n${table}\n\n${linearity}\n\n${targetTable}\n\n${notes.join('\n')}`);
writeFileSync(join(ROOT, 'BENCHMARKS.md'), md);
log(`wrote ${join(ROOT, 'BENCHMARKS.md')}`);

/** How two analyze JSONs differ: numbers, strings and shape counted apart (wording changes are not slowdowns' excuse, numbers are). */
function jsonDifferences(a: unknown, b: unknown): string {
  const n = { numbers: 0, strings: 0, shape: 0, example: '' };
  const walk = (x: unknown, y: unknown, path: string) => {
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y && Math.abs(x - y) > 1e-12 * Math.max(Math.abs(x), Math.abs(y))) n.numbers++;
    } else if (typeof x === 'string' && typeof y === 'string') {
      if (x !== y && !n.strings++) n.example = path;
    } else if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      x.forEach((v, i) => walk(v, y[i], `${path}[${i}]`));
    } else if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
    } else if (x !== y) n.shape++;
  };
  walk(a, b, '');
  return `${n.numbers} numbers and ${n.shape} values of other types differ; ${n.strings} strings differ${n.example ? ` (first at ${n.example})` : ''}`;
}
