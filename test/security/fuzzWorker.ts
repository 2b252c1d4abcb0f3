/**
 * Child process of test/security/fuzz.test.ts: imports the fuzz corpus, from case FIRST on,
 * into one project through the Engine API, and reports each case on stdout as one line
 * `@@fuzz {"case":i,"phase":"start"|"done",...}`. The parent bounds each case's time, and
 * restarts this process after a case that hung or crashed it.
 *
 *   node --import tsx test/security/fuzzWorker.ts SEED DIR FIRST
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/service';
import { corpus } from './fuzzCorpus';

const [seedArg, dir, firstArg] = process.argv.slice(2);
const seed = Number(seedArg);
const first = Number(firstArg ?? 1);
if (!dir || !Number.isFinite(seed)) {
  console.error('usage: fuzzWorker.ts SEED DIR FIRST');
  process.exit(2);
}

const say = (msg: Record<string, unknown>) => process.stdout.write(`@@fuzz ${JSON.stringify(msg)}\n`);

const engine = new Engine({ host: 'direct', dataDir: join(dir, 'home'), sampleDataDir: join(dir, 'no-sample-data') });
const opened = await engine.api.openProject({ path: join(dir, `fuzz-from-${first}.duckdb`) });
if (!opened.ok) {
  console.error(opened.error.message);
  process.exit(3);
}

const cases = corpus(seed);
for (let i = first; i <= cases.length; i++) {
  const c = cases[i - 1]!;
  const fileName = `fuzz-${seed}-${i}.csv`;
  const path = join(dir, fileName);
  if (typeof c.body === 'function') await c.body(path);
  else writeFileSync(path, c.body);
  say({ case: i, phase: 'start' });
  const started = Date.now();
  const res = await engine.api.importFile({ file: { path }, fileName, kind: c.kind, asOf: c.kind === 'people' ? '2025-01-31' : undefined });
  const ms = Date.now() - started;
  const tables = await engine.api.listTables({});
  say({
    case: i,
    phase: 'done',
    ms,
    fileName,
    ok: res.ok,
    ...(res.ok ? { rowsRead: res.value.rowsRead, rowsLoaded: res.value.rowsLoaded, rowsRejected: res.value.rowsRejected } : { error: res.error }),
    usable: tables.ok,
  });
}
await engine.closeProject();
say({ phase: 'end' });
