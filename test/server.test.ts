/**
 * The browser-mode server refuses everything without the per-start token, from another
 * Host (DNS rebinding) or another Origin, and enforces its body limits (DESIGN §6).
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../electron/engine/server/security';
import { startServer } from '../electron/engine/server';
import type { RunningServer } from '../electron/engine/server';
import { findSampleDataDir } from '../electron/engine/paths';
import { Engine } from '../electron/engine/service';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, not fetch: fetch forbids setting Host and Origin. */
function send(server: RunningServer, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
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
    req.end(opts.body);
  });
}

let dir: string;
let engine: Engine;
let server: RunningServer;
let cookie: string;
const json = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mi-server-'));
  const staticDir = join(dir, 'static');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Mentor Impact</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log("hello");');
  await writeFile(join(dir, 'secret.txt'), 'outside the static folder');
  engine = new Engine({ host: 'browser', dataDir: join(dir, 'home'), sampleDataDir: findSampleDataDir() });
  const opened = await engine.api.openProject({ path: join(dir, 'x.duckdb') });
  expect(opened.ok).toBe(true);
  server = await startServer({ engine, port: 0, host: '127.0.0.1', staticDir });
  cookie = `mi_token=${server.token}`;
});

afterAll(async () => {
  await server?.close();
  await engine?.closeProject();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('browser-mode server', () => {
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
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/assets/%00app.js']) {
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

  it('refuses an upload over the limit with 413 and keeps no partial file', async () => {
    const small = await startServer({ engine, port: 0, host: '127.0.0.1', staticDir: join(dir, 'static'), maxUploadBytes: 1000 });
    try {
      const r = await send(small, { method: 'POST', path: '/api/upload', headers: { Cookie: `mi_token=${small.token}` }, body: Buffer.alloc(5000, 'a') });
      expect(r.status).toBe(413);
      expect(await readdir(engine.uploadsDir)).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
