/**
 * The browser-mode server: 127.0.0.1 only, a fresh token per
 * start that every request needs (static files included), Host and Origin checked against
 * DNS rebinding and cross-site calls before the token, no CORS, body limits (with and
 * without a Content-Length), static files never served from outside their folder, and
 * uploads that become imports.
 */
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/common/securityHeaders';
import { startServer } from '../../electron/server/startServer';
import type { RunningServer, ServerOptions } from '../../electron/server/startServer';
import { Engine } from '../../electron/engine/service';
import { SAMPLE_DATA } from './helpers';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface SendOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Written in pieces, without a Content-Length (Transfer-Encoding: chunked). */
  chunks?: Buffer[];
  body?: string | Buffer;
}

/** node:http, not fetch: fetch forbids setting Host and Origin. */
function send(server: RunningServer, opts: SendOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.chunks) {
      for (const c of opts.chunks) req.write(c);
      req.end();
    } else req.end(opts.body);
  });
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

let dir: string;
let staticDir: string;
let engine: Engine;
/** Default limits (1 MiB API bodies). */
let server: RunningServer;
/** Small limits, to test them without megabytes of traffic. */
let small: RunningServer;
let cookie: string;
const json = { 'Content-Type': 'application/json' };

/** A server on the shared engine and static folder; the caller closes it. */
function start(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({ engine, port: 0, host: '127.0.0.1', staticDir, ...options });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mi-server-'));
  staticDir = join(dir, 'static');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Mentor Impact</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log("hello");');
  await writeFile(join(staticDir, '.env'), 'outside the static folder: a dot-file');
  await writeFile(join(dir, 'secret.txt'), 'outside the static folder');
  await symlink(join(dir, 'secret.txt'), join(staticDir, 'assets', 'link.js'));
  engine = new Engine({ host: 'browser', dataDir: join(dir, 'home'), sampleDataDir: SAMPLE_DATA });
  const opened = await engine.api.openProject({ path: join(dir, 'x.duckdb') });
  expect(opened.ok).toBe(true);
  server = await start();
  small = await start({ maxJsonBytes: 4096, maxUploadBytes: 8192 });
  cookie = `mi_token=${server.token}`;
});

afterAll(async () => {
  await server?.close();
  await small?.close();
  await engine?.closeProject();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('browser-mode server: tokens, Host, Origin, API and files', () => {
  it('binds to 127.0.0.1 and prints a URL carrying a 64-hex-digit token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{64}$`));
  });

  it('refuses requests without the token: the page, a static asset and the API', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      const r = await send(server, { path });
      expect(r.status, path).toBe(403);
      expect(r.body).not.toContain('hello');
    }
    const api = await send(server, { method: 'POST', path: '/api/listTables', headers: json, body: '{}' });
    expect(api.status).toBe(403);
    const upload = await send(server, { method: 'POST', path: '/api/upload', body: 'a,b\n1,2\n' });
    expect(upload.status).toBe(403);
    expect(await readdir(engine.uploadsDir).catch(() => [])).toEqual([]);
  });

  it('refuses a wrong token in the URL, the cookie or a Bearer header', async () => {
    const wrong = 'f'.repeat(64);
    expect((await send(server, { path: `/?token=${wrong}` })).status).toBe(403);
    expect((await send(server, { path: '/', headers: { Cookie: `mi_token=${wrong}` } })).status).toBe(403);
    expect((await send(server, { path: '/', headers: { Authorization: `Bearer ${wrong}` } })).status).toBe(403);
    expect((await send(server, { path: '/', headers: { Cookie: `mi_token=${server.token.slice(0, 10)}` } })).status).toBe(403);
  });

  it('trades the token in the URL for an HttpOnly SameSite=Strict cookie and strips it from the URL', async () => {
    const r = await send(server, { path: `/?token=${server.token}` });
    expect([302, 303]).toContain(r.status);
    expect(r.headers.location).toBe('/');
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toContain(`mi_token=${server.token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
  });

  it('serves the page and assets with the cookie or a Bearer header, under a strict CSP', async () => {
    const page = await send(server, { path: '/', headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<title>Mentor Impact</title>');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const asset = await send(server, { path: '/assets/app.js', headers: { Authorization: `Bearer ${server.token}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`]) {
      const r = await send(server, { path: '/', headers: { Host: host, Cookie: cookie } });
      expect(r.status, host).toBe(403);
    }
    expect((await send(server, { path: '/', headers: { Host: `localhost:${server.port}`, Cookie: cookie } })).status).toBe(200);
  });

  it('refuses a foreign Origin', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`]) {
      const r = await send(server, { method: 'POST', path: '/api/listTables', headers: { ...json, Cookie: cookie, Origin: origin }, body: '{}' });
      expect(r.status, origin).toBe(403);
    }
    const same = await send(server, { method: 'POST', path: '/api/listTables', headers: { ...json, Cookie: cookie, Origin: server.origin }, body: '{}' });
    expect(same.status).toBe(200);
  });

  it('answers a good call with the cookie: listTables returns the six canonical tables', async () => {
    const r = await send(server, { method: 'POST', path: '/api/listTables', headers: { ...json, Cookie: cookie }, body: '{}' });
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    const res = JSON.parse(r.body) as { ok: boolean; value: { name: string; rows: number }[] };
    expect(res.ok).toBe(true);
    expect(res.value.map((t) => t.name)).toEqual(['roster', 'people', 'survey_responses', 'performance_reviews', 'imports', 'import_rejects']);
  });

  it('returns an engine error as a 200 Result and an unknown method as a 404 Result', async () => {
    const bad = await send(server, { method: 'POST', path: '/api/previewTable', headers: { ...json, Cookie: cookie }, body: JSON.stringify({ table: 'secrets' }) });
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const unknown = await send(server, { method: 'POST', path: '/api/dropEverything', headers: { ...json, Cookie: cookie }, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const proto = await send(server, { method: 'POST', path: '/api/constructor', headers: { ...json, Cookie: cookie }, body: '{}' });
    expect(proto.status).toBe(404);
  });

  it('refuses a JSON body over 1 MiB with 413, and non-JSON API calls', async () => {
    const big = JSON.stringify({ path: 'x'.repeat(1024 * 1024 + 10) });
    const r = await send(server, { method: 'POST', path: '/api/openProject', headers: { ...json, Cookie: cookie }, body: big });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
    const form = await send(server, { method: 'POST', path: '/api/listTables', headers: { 'Content-Type': 'text/plain', Cookie: cookie }, body: '{}' });
    expect(form.status).toBe(415);
    const notJson = await send(server, { method: 'POST', path: '/api/listTables', headers: { ...json, Cookie: cookie }, body: '{oops' });
    expect(notJson.status).toBe(400);
  });

  it('does not serve files outside the static folder', async () => {
    // The same resolver serves Electron's app:// protocol (test/electron/static.test.ts).
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/assets/%00app.js', '/.env', '/assets/link.js', '/assets']) {
      const r = await send(server, { path, headers: { Cookie: cookie } });
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('outside the static folder');
    }
  });

  it('streams an upload to the uploads folder and imports it by upload id', async () => {
    const csv = 'Employee ID,Review Date,Overall Rating\n00101,2024-01-15,3\n00102,2024-01-15,4\n00103,2024-01-15,\n';
    const up = await send(server, { method: 'POST', path: '/api/upload', headers: { 'Content-Type': 'text/csv', Cookie: cookie }, body: csv });
    expect(up.status).toBe(200);
    const { value } = JSON.parse(up.body) as { value: { uploadId: string } };
    expect(value.uploadId).toMatch(/^[0-9a-f]{32}$/);
    expect(await readdir(engine.uploadsDir)).toEqual([value.uploadId]);
    const imported = await send(server, {
      method: 'POST',
      path: '/api/importFile',
      headers: { ...json, Cookie: cookie },
      body: JSON.stringify({ file: { uploadId: value.uploadId }, fileName: 'reviews.csv', kind: 'performance' }),
    });
    const res = JSON.parse(imported.body) as { ok: boolean; value: { rowsRead: number; rowsLoaded: number; fileName: string } };
    expect(res.ok).toBe(true);
    expect(res.value).toMatchObject({ rowsRead: 3, fileName: 'reviews.csv' });
    expect(await readdir(engine.uploadsDir)).toEqual([]);
  });
});

describe('browser-mode server: binding', () => {
  it('refuses to bind anywhere but 127.0.0.1', async () => {
    for (const host of ['0.0.0.0', '::', 'localhost', '127.0.0.2', '192.168.1.10', '']) {
      await expect(start({ host: host as '127.0.0.1' }), host).rejects.toThrow(/127\.0\.0\.1 only/);
    }
  });

  it.skipIf(process.platform !== 'linux')('accepts connections on 127.0.0.1 only (not on another loopback address)', async () => {
    expect(await accepts('127.0.0.1', server.port)).toBe(true);
    // Linux routes all of 127.0.0.0/8 to the loopback device: a wildcard bind would answer here.
    expect(await accepts('127.0.0.2', server.port)).toBe(false);
  });
});

describe('browser-mode server: tokens', () => {
  it('makes a fresh random token at every start; one server refuses another one\'s token', async () => {
    const other = await start();
    try {
      expect(other.token).toMatch(/^[0-9a-f]{64}$/);
      expect(other.token).not.toBe(server.token);
      const credentials: Record<string, string>[] = [{ Cookie: `mi_token=${server.token}` }, { Authorization: `Bearer ${server.token}` }];
      for (const headers of credentials) {
        expect((await send(other, { path: '/', headers })).status).toBe(403);
        expect((await send(other, { method: 'POST', path: '/api/listTables', headers: { ...json, ...headers }, body: '{}' })).status).toBe(403);
      }
      expect((await send(other, { path: `/?token=${server.token}` })).status).toBe(403);
      expect((await send(other, { path: '/', headers: { Cookie: `mi_token=${other.token}` } })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('takes the token in the URL only to set the cookie on a GET, never as an API credential', async () => {
    const r = await send(server, { method: 'POST', path: `/api/listTables?token=${server.token}`, headers: json, body: '{}' });
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('"ok"');
  });

  it('checks Host and Origin before the token: the right token from a rebinding page is refused', async () => {
    const host = await send(server, { path: `/?token=${server.token}`, headers: { Host: `evil.example:${server.port}` } });
    expect(host.status).toBe(403);
    expect(host.headers['set-cookie']).toBeUndefined();
    const origin = await send(server, { path: '/', headers: { Cookie: `mi_token=${server.token}`, Origin: 'http://evil.example' } });
    expect(origin.status).toBe(403);
    const api = await send(server, {
      method: 'POST',
      path: '/api/deletePersonalData',
      headers: { ...json, Authorization: `Bearer ${server.token}`, Origin: 'http://evil.example' },
      body: JSON.stringify({ confirm: 'DELETE' }),
    });
    expect(api.status).toBe(403);
  });

  it('never shows the token in a page and keeps refusals bare (no app content, security headers on)', async () => {
    const page = await send(server, { path: '/', headers: { Cookie: `mi_token=${server.token}` } });
    expect(page.body).not.toContain(server.token);
    const refused = await send(server, { path: '/index.html' });
    expect(refused.status).toBe(403);
    expect(refused.body).not.toContain('Mentor Impact</title>');
    expect(refused.headers['content-security-policy']).toContain("default-src 'self'");
    expect(refused.headers['x-frame-options']).toBe('DENY');
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});

describe('browser-mode server: cross-origin', () => {
  it('grants no CORS: a preflight is refused and no response carries Access-Control-Allow-*', async () => {
    const preflight = await send(server, {
      method: 'OPTIONS',
      path: '/api/listTables',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(403);
    const sameOrigin = await send(server, { method: 'OPTIONS', path: '/api/listTables', headers: { Cookie: `mi_token=${server.token}`, Origin: server.origin } });
    expect(sameOrigin.status).not.toBe(200);
    const ok = await send(server, { method: 'POST', path: '/api/listTables', headers: { ...json, Cookie: `mi_token=${server.token}`, Origin: server.origin }, body: '{}' });
    expect(ok.status).toBe(200);
    for (const r of [preflight, sameOrigin, ok]) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('refuses a simple cross-site form post (text/plain) even with the cookie', async () => {
    const r = await send(server, { method: 'POST', path: '/api/deletePersonalData', headers: { 'Content-Type': 'text/plain', Cookie: `mi_token=${server.token}` }, body: '{"confirm":"DELETE"}' });
    expect(r.status).toBe(415);
    const tables = await engine.api.listTables({});
    expect(tables.ok).toBe(true);
  });
});

describe('browser-mode server: size limits (small ones: 4 KiB JSON, 8 KiB uploads)', () => {
  it('refuses an upload over the limit with 413 and keeps no partial file', async () => {
    const r = await send(small, { method: 'POST', path: '/api/upload', headers: { Cookie: `mi_token=${small.token}` }, body: Buffer.alloc(10_000, 'a') });
    expect(r.status).toBe(413);
    expect(await readdir(engine.uploadsDir).catch(() => [])).toEqual([]);
  });

  it('answers 413 to a chunked JSON body (no Content-Length) over the limit', async () => {
    const piece = Buffer.alloc(1024, 'a');
    const r = await send(small, {
      method: 'POST',
      path: '/api/openProject',
      headers: { ...json, Cookie: `mi_token=${small.token}` },
      chunks: [Buffer.from('{"path":"'), ...Array.from({ length: 8 }, () => piece), Buffer.from('"}')],
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('answers 413 to a chunked upload (no Content-Length) over the limit and keeps no partial file', async () => {
    const r = await send(small, {
      method: 'POST',
      path: '/api/upload',
      headers: { Cookie: `mi_token=${small.token}` },
      chunks: Array.from({ length: 16 }, () => Buffer.alloc(1024, 'b')),
    }).catch((err: NodeJS.ErrnoException) => ({ status: err.code === 'ECONNRESET' || err.code === 'EPIPE' ? 413 : 0, headers: {}, body: '' }));
    expect(r.status).toBe(413);
    expect(await readdir(engine.uploadsDir).catch(() => [])).toEqual([]);
  });

  it('accepts a chunked upload under the limit', async () => {
    const r = await send(small, {
      method: 'POST',
      path: '/api/upload',
      headers: { Cookie: `mi_token=${small.token}` },
      chunks: [Buffer.from('a,b\n'), Buffer.from('1,2\n')],
    });
    expect(r.status).toBe(200);
    const { value } = JSON.parse(r.body) as { value: { uploadId: string } };
    expect(await readdir(engine.uploadsDir)).toEqual([value.uploadId]);
  });
});

/**
 * Issue 18 item 3: in browser mode a web page names the files, so the engine takes uploads
 * only, and opens or creates projects only as `*.duckdb` DuckDB files.
 */
describe('browser-mode server: no file of this machine by path', () => {
  const call = async (method: string, body: unknown) => {
    const r = await send(server, { method: 'POST', path: `/api/${method}`, headers: { ...json, Cookie: cookie }, body: JSON.stringify(body) });
    return { status: r.status, body: r.body, json: JSON.parse(r.body) as { ok: boolean; value?: unknown; error?: { code: string; message: string } } };
  };

  it('inspectFile, validateImport, importFile and startImport refuse a path and read nothing', async () => {
    const secret = join(dir, 'shadow.csv');
    await writeFile(secret, 'user,hash\nroot,$6$SECRET-HASH\n');
    for (const [method, body] of [
      ['inspectFile', { file: { path: secret } }],
      ['inspectFile', { file: { path: '/etc/shadow' } }],
      ['validateImport', { file: { path: secret }, kind: 'people' }],
      ['importFile', { file: { path: secret }, kind: 'people' }],
      ['startImport', { file: { path: secret }, kind: 'people' }],
    ] as const) {
      const r = await call(method, body);
      expect(r.json, method).toMatchObject({ ok: false, error: { code: 'uploads_only' } });
      expect(r.body).not.toContain('SECRET');
      expect(r.body).not.toContain('root');
    }
    const tables = await call('listTables', {});
    expect((tables.json.value as { name: string; rows: number }[]).find((t) => t.name === 'people')?.rows).toBe(0);
  });

  it('openProject refuses other names and other files, creates nothing, and keeps the open project', async () => {
    const secret = join(dir, 'secret.txt');
    const before = (await call('getAppInfo', {})).json.value as { project: { path: string } };
    for (const path of [secret, '/etc/shadow', join(dir, 'new-file.txt'), join(dir, 'data.csv'), join(dir, 'x.duckdb.wal'), dir]) {
      const r = await call('openProject', { path });
      expect(r.json, path).toMatchObject({ ok: false, error: { code: 'not_a_project' } });
      expect(r.body).not.toContain('outside the static folder');
    }
    expect(await readdir(dir)).not.toContain('new-file.txt');
    // A .duckdb name that is not a DuckDB file: refused from its header, its content never parsed.
    const disguised = join(dir, 'disguised.duckdb');
    await symlink(secret, disguised);
    const r = await call('openProject', { path: disguised });
    expect(r.json).toMatchObject({ ok: false, error: { code: 'not_a_project', message: 'disguised.duckdb is not a DuckDB project file; nothing was opened' } });
    const after = (await call('getAppInfo', {})).json.value as { project: { path: string } };
    expect(after.project.path).toBe(before.project.path);
    // A new .duckdb project is still created where the user asks.
    const created = await call('openProject', { path: join(dir, 'created.duckdb') });
    expect(created.json.ok).toBe(true);
    expect((await call('openProject', { path: before.project.path })).json.ok).toBe(true);
  });
});

/** Issue 18 item 7: uploads are raw personal data; none outlives its server or a deletion. */
describe('browser-mode server: uploads do not outlive a crash or a deletion', () => {
  it('removes a killed session\'s uploads at the next start and at stop, keeping a live one\'s', async () => {
    const home = join(dir, 'home-sweep');
    const uploadsRoot = join(home, 'uploads');
    // A server killed with -9: its process is gone, its session folder and upload stay.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const deadDir = join(uploadsRoot, `${dead}-aaaaaaaaaaaa`);
    await mkdir(deadDir, { recursive: true });
    await writeFile(join(deadDir, 'b'.repeat(32)), 'employee_id\n001\n');
    await writeFile(join(uploadsRoot, 'c'.repeat(32)), 'an upload of an older version');
    // Another server still running (this test's parent process stands in for it).
    const liveDir = join(uploadsRoot, `${process.ppid}-bbbbbbbbbbbb`);
    await mkdir(liveDir, { recursive: true });
    await writeFile(join(liveDir, 'd'.repeat(32)), 'in use');
    const e = new Engine({ host: 'browser', dataDir: home, sampleDataDir: SAMPLE_DATA });
    const s = await startServer({ engine: e, staticDir, port: 0, host: '127.0.0.1' });
    try {
      expect((await readdir(uploadsRoot)).sort()).toEqual([`${process.ppid}-bbbbbbbbbbbb`]);
      const up = await send(s, { method: 'POST', path: '/api/upload', headers: { 'Content-Type': 'text/csv', Cookie: `mi_token=${s.token}` }, body: 'a,b\n1,2\n' });
      expect(up.status).toBe(200);
      expect(await readdir(e.uploadsDir)).toHaveLength(1);
      // The same session killed now would leave it; a new engine's start sweeps it.
      await mkdir(deadDir, { recursive: true });
      await writeFile(join(deadDir, 'e'.repeat(32)), 'left by a crash');
    } finally {
      await s.close();
    }
    expect(await readdir(uploadsRoot)).toEqual([`${process.ppid}-bbbbbbbbbbbb`]);
  });

  it('"delete personal data" removes uploads waiting for an import', async () => {
    const home = join(dir, 'home-delete');
    const e = new Engine({ host: 'browser', dataDir: home, sampleDataDir: SAMPLE_DATA });
    expect((await e.api.openProject({ path: join(dir, 'delete.duckdb') })).ok).toBe(true);
    const s = await startServer({ engine: e, staticDir, port: 0, host: '127.0.0.1' });
    try {
      const auth = { Cookie: `mi_token=${s.token}` };
      const up = await send(s, { method: 'POST', path: '/api/upload', headers: { 'Content-Type': 'text/csv', ...auth }, body: 'employee_id,hire_date\n001,2020-01-01\n' });
      expect(up.status).toBe(200);
      expect(await readdir(e.uploadsDir)).toHaveLength(1);
      const del = await send(s, { method: 'POST', path: '/api/deletePersonalData', headers: { ...json, ...auth }, body: JSON.stringify({ confirm: 'DELETE' }) });
      expect((JSON.parse(del.body) as { ok: boolean }).ok).toBe(true);
      expect(await readdir(e.uploadsDir).catch(() => [])).toEqual([]);
    } finally {
      await s.close();
      await e.closeProject();
    }
  });
});
