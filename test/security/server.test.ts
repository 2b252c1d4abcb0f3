/**
 * Browser-mode server refusals (issue #8 §3) not covered by test/server.test.ts: binding
 * anywhere but 127.0.0.1, a fresh token per start, the order of the checks, CORS, and body
 * limits without a Content-Length (chunked).
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../electron/engine/server';
import type { RunningServer } from '../../electron/engine/server';
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
  body?: string;
}

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
let server: RunningServer;
const json = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mi-server-sec-'));
  staticDir = join(dir, 'static');
  await mkdir(staticDir, { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Mentor Impact</title>');
  engine = new Engine({ host: 'browser', dataDir: join(dir, 'home'), sampleDataDir: SAMPLE_DATA });
  const opened = await engine.api.openProject({ path: join(dir, 'x.duckdb') });
  expect(opened.ok).toBe(true);
  server = await startServer({ engine, port: 0, host: '127.0.0.1', staticDir, maxJsonBytes: 4096, maxUploadBytes: 8192 });
});

afterAll(async () => {
  await server?.close();
  await engine?.closeProject();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('browser-mode server: binding', () => {
  it('refuses to bind anywhere but 127.0.0.1', async () => {
    for (const host of ['0.0.0.0', '::', 'localhost', '127.0.0.2', '192.168.1.10', '']) {
      await expect(startServer({ engine, port: 0, host: host as '127.0.0.1', staticDir }), host).rejects.toThrow(/127\.0\.0\.1 only/);
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
    const other = await startServer({ engine, port: 0, host: '127.0.0.1', staticDir });
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

describe('browser-mode server: size limits without a Content-Length', () => {
  it('answers 413 to a chunked JSON body over the limit', async () => {
    const piece = Buffer.alloc(1024, 'a');
    const r = await send(server, {
      method: 'POST',
      path: '/api/openProject',
      headers: { ...json, Cookie: `mi_token=${server.token}` },
      chunks: [Buffer.from('{"path":"'), ...Array.from({ length: 8 }, () => piece), Buffer.from('"}')],
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('answers 413 to a chunked upload over the limit and keeps no partial file', async () => {
    const r = await send(server, {
      method: 'POST',
      path: '/api/upload',
      headers: { Cookie: `mi_token=${server.token}` },
      chunks: Array.from({ length: 16 }, () => Buffer.alloc(1024, 'b')),
    }).catch((err: NodeJS.ErrnoException) => ({ status: err.code === 'ECONNRESET' || err.code === 'EPIPE' ? 413 : 0, headers: {}, body: '' }));
    expect(r.status).toBe(413);
    expect(await readdir(engine.uploadsDir).catch(() => [])).toEqual([]);
  });

  it('accepts a chunked upload under the limit', async () => {
    const r = await send(server, {
      method: 'POST',
      path: '/api/upload',
      headers: { Cookie: `mi_token=${server.token}` },
      chunks: [Buffer.from('a,b\n'), Buffer.from('1,2\n')],
    });
    expect(r.status).toBe(200);
    const { value } = JSON.parse(r.body) as { value: { uploadId: string } };
    expect(await readdir(engine.uploadsDir)).toEqual([value.uploadId]);
  });
});
