/**
 * No network, engine side: an opened project's DuckDB cannot fetch anything.
 * Auto-install and auto-load are off and locked; an explicit INSTALL (which ignores those
 * settings) goes through a proxy on a closed loopback port, so nothing leaves the machine.
 * The browser side is test/security/network.e2e.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUCKDB_OPTIONS, queryRows, queryValue } from '../../electron/engine/db';
import type { Project } from '../../electron/engine/project';
import { Engine } from '../../electron/engine/service';
import { ROOT, SAMPLE_DATA, tempDirs } from './helpers';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** Fails (with its error) or gives up after `ms`: "fails fast" means well inside this bound. */
async function failure(run: () => Promise<unknown>, ms = 15_000): Promise<string> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([run(), timeout]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.startsWith('still running')) throw err;
    return `${message} (${Date.now() - started} ms)`;
  } finally {
    clearTimeout(timer);
  }
  throw new Error('expected an error, but the statement succeeded');
}

describe('DuckDB of an opened project', () => {
  let engine: Engine;
  let project: Project;

  beforeAll(async () => {
    const dir = temp.make('mi-offline-');
    engine = new Engine({ host: 'direct', dataDir: join(dir, 'home'), sampleDataDir: SAMPLE_DATA });
    project = await engine.openProject(join(dir, 'p.duckdb'));
  });

  afterAll(async () => {
    await engine?.closeProject();
  });

  it('has automatic extension install and load off, community extensions off, a loopback proxy and a locked configuration', async () => {
    const [s] = await queryRows(
      project.conn,
      `SELECT current_setting('autoinstall_known_extensions') AS autoinstall, current_setting('autoload_known_extensions') AS autoload,
              current_setting('allow_community_extensions') AS community, current_setting('http_proxy') AS proxy,
              current_setting('lock_configuration') AS locked, current_setting('allow_unsigned_extensions') AS unsigned,
              current_setting('allowed_configs') AS allowed`,
    );
    expect(s).toMatchObject({ autoinstall: false, autoload: false, community: false, proxy: '127.0.0.1:9', locked: true, unsigned: false });
    // Only the progress bar (which the import reads) and the insertion order (its bulk INSERT) may still be switched.
    expect([...(s!.allowed as string[])].sort()).toEqual(['enable_progress_bar', 'enable_progress_bar_print', 'preserve_insertion_order']);
  });

  it('refuses to change those settings', async () => {
    for (const sql of [
      'SET autoinstall_known_extensions = true',
      'SET autoload_known_extensions = true',
      'SET allow_community_extensions = true',
      "SET http_proxy = ''",
      "SET custom_extension_repository = 'http://example.com'",
      "SET allowed_configs = ['http_proxy']",
      'SET lock_configuration = false',
    ]) {
      expect(await failure(() => project.conn.run(sql)), sql).toMatch(/configuration has been locked/);
    }
  });

  it('cannot read or attach a remote file: httpfs is not loaded and will not be', async () => {
    for (const sql of [
      "SELECT * FROM read_csv('https://example.com/people.csv')",
      "SELECT * FROM read_csv('http://127.0.0.1:9/people.csv')",
      "SELECT * FROM read_parquet('s3://bucket/people.parquet')",
      "ATTACH 'https://example.com/x.duckdb' AS remote",
      "COPY (SELECT 1) TO 'https://example.com/out.csv'",
    ]) {
      expect(await failure(() => project.conn.run(sql)), sql).toMatch(/httpfs|extension/i);
    }
    const loaded = await queryValue<boolean>(project.conn, "SELECT coalesce(any_value(loaded), false) FROM duckdb_extensions() WHERE extension_name = 'httpfs'");
    expect(loaded).toBe(false);
  });

  it('fails fast on INSTALL and LOAD of httpfs', async () => {
    for (const sql of ['INSTALL httpfs', "INSTALL httpfs FROM 'http://example.com/repo'", 'FORCE INSTALL httpfs', 'INSTALL spatial FROM community']) {
      expect(await failure(() => project.conn.run(sql)), sql).toMatch(/Failed to download|not allowed|community/i);
    }
    const installed = await queryValue<boolean>(project.conn, "SELECT coalesce(any_value(installed), false) FROM duckdb_extensions() WHERE extension_name = 'httpfs'");
    if (!installed) expect(await failure(() => project.conn.run('LOAD httpfs'))).toMatch(/not found|Install it first/i);
    expect(await failure(() => project.conn.run("SELECT * FROM read_csv('https://example.com/people.csv')"))).toMatch(/httpfs/);
  });
});

describe("DuckDB's own HTTP requests", () => {
  let proxy: Server;
  let requests: string[];

  beforeAll(async () => {
    requests = [];
    proxy = createServer((socket) => {
      socket.once('data', (d: Buffer) => {
        requests.push(d.toString('latin1').split('\r\n')[0] ?? '');
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

  it('go to the configured proxy (so with the closed loopback port, nowhere)', async () => {
    const port = (proxy.address() as { port: number }).port;
    const instance = await DuckDBInstance.create(':memory:', { ...DUCKDB_OPTIONS, http_proxy: `127.0.0.1:${port}` });
    const conn = await instance.connect();
    try {
      expect(await failure(() => conn.run("INSTALL httpfs FROM 'http://repository.invalid/x'"))).toMatch(/Failed to download/);
      expect(await failure(() => conn.run('INSTALL httpfs'))).toMatch(/Failed to download/);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => /^GET http:\/\/(repository\.invalid|extensions\.duckdb\.org)\//.test(r)), requests.join('\n')).toBe(true);
  });
});

describe('engine sources', () => {
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.ts$/.test(e.name))
      .map((e) => join(e.parentPath, e.name));
  }

  it('never install or load an extension or name a remote URL in SQL', () => {
    const offenders: string[] = [];
    for (const file of sources(join(ROOT, 'electron', 'engine'))) {
      const text = readFileSync(file, 'utf8');
      // SQL is written in template or quoted strings; look for the statements at their start.
      for (const [i, line] of text.split('\n').entries()) {
        if (/^\s*(\/\/|\*)/.test(line)) continue;
        if (/[`'"]\s*(INSTALL|LOAD|FORCE INSTALL)\s/i.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        if (/(read_(csv|parquet|json)|ATTACH)[^)]*['"`]\s*(https?|s3|gcs|r2|hf):/i.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
