/**
 * Where an import or analysis spends its time: runs it through the engine (as the CLI
 * does) and prints every SQL statement with its duration, plus the JavaScript time between
 * statements (hashing, statistics, result conversion).
 *
 *   npx tsx bench/profile.ts import <project.duckdb> <kind> <file.csv>
 *   npx tsx bench/profile.ts analyze <project.duckdb> [analysis.json]
 * PROFILE_SQL=<ms> also prints the full text of statements that took longer (PROFILE_SQL=1: over a second).
 * PROFILE_ORDER=1 lists every span in the order it ran (default: the spans of 20 ms or more, longest first).
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection } from '@duckdb/node-api';
import type { ImportKind } from '../shared/domain';
import { Engine } from '../electron/engine/service';

const t0 = performance.now();
let last = t0;
const lines: [number, string][] = [];
const note = (ms: number, what: string) => lines.push([ms, what]);
const slow: string[] = [];
const slowMs = process.env.PROFILE_SQL === '1' ? 1000 : Number(process.env.PROFILE_SQL ?? Infinity);

type Method = 'run' | 'runAndReadAll';
let lastSql = '(start)';
let depth = 0; // runAndReadAll calls run: time the outer call only
for (const method of ['run', 'runAndReadAll'] as Method[]) {
  const original = DuckDBConnection.prototype[method] as (this: DuckDBConnection, ...a: unknown[]) => Promise<unknown>;
  (DuckDBConnection.prototype as unknown as Record<Method, unknown>)[method] = async function (this: DuckDBConnection, ...args: unknown[]) {
    if (depth > 0) return original.apply(this, args);
    const start = performance.now();
    if (start - last > 1) note(start - last, `(JavaScript / file I/O after: ${lastSql.slice(0, 150)})`);
    depth++;
    try {
      return await original.apply(this, args);
    } finally {
      depth--;
      last = performance.now();
      lastSql = String(args[0]).replace(/\s+/g, ' ').trim();
      note(last - start, lastSql.slice(0, 220));
      if (last - start > slowMs) slow.push(`-- ${((last - start) / 1000).toFixed(2)} s\n${String(args[0])}`);
    }
  };
}

const [command, project, ...rest] = process.argv.slice(2);
if (!project || (command !== 'import' && command !== 'analyze')) throw new Error('usage: profile.ts import <project> <kind> <file> | analyze <project> [config.json]');
const engine = new Engine({ host: 'direct', dataDir: join(tmpdir(), 'mentor-impact-bench', 'profile-home'), sampleDataDir: 'sample-data' });
const opened = await engine.api.openProject({ path: project });
if (!opened.ok) throw new Error(opened.error.message);
const res =
  command === 'import'
    ? await engine.api.importFile({ file: { path: rest[1]! }, fileName: rest[1]!.split('/').pop()!, kind: rest[0] as ImportKind })
    : await engine.api.analyze({ config: rest[0] ? (JSON.parse(readFileSync(rest[0], 'utf8')) as never) : undefined });
if (!res.ok) throw new Error(res.error.message);
await engine.closeProject();
const total = performance.now() - t0;

if (process.env.PROFILE_ORDER) for (const [ms, what] of lines) console.log(`${(ms / 1000).toFixed(3).padStart(7)} s  ${what.slice(0, 160)}`);
else for (const [ms, what] of lines.filter(([ms]) => ms >= 20).sort((a, b) => b[0] - a[0])) console.log(`${(ms / 1000).toFixed(2).padStart(7)} s  ${what}`);
if (slow.length) console.log(`${slow.join('\n\n')}\n`);
console.log(`${(total / 1000).toFixed(2).padStart(7)} s  total (${lines.length} timed spans; spans under 20 ms not shown)`);
