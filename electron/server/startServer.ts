/**
 * Browser mode: the same contract as Electron IPC, over HTTP on 127.0.0.1.
 * Every request needs the per-start token (query once → HttpOnly cookie, or a Bearer
 * header); Host and Origin are checked against DNS rebinding and cross-site requests.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isApiMethod } from '../../shared/api';
import type { Result } from '../../shared/result';
import type { Engine } from '../engine/service';
import { BodyTooLarge, readBody, streamUpload } from './body';
import {
  TOKEN_COOKIE,
  bearerToken,
  cookieValue,
  hostAllowed,
  originAllowed,
  setSecurityHeaders,
  tokenMatches,
} from './security';
import { serveStatic } from './serveStatic';

export interface ServerOptions {
  engine: Engine;
  /** 0 picks a free port. */
  port?: number;
  /** Loopback only; anything else is refused. */
  host?: '127.0.0.1';
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Limits in bytes; defaults 1 MiB for API calls and 2 GiB for uploads. */
  maxJsonBytes?: number;
  maxUploadBytes?: number;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The URL to open once: it carries the token. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body: Result<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body);
}

function refuse(res: ServerResponse, why: string): void {
  const text = `Forbidden: ${why}\n`;
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { engine, staticDir } = opts;
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The browser-mode server binds to 127.0.0.1 only');
  const maxJson = opts.maxJsonBytes ?? MiB;
  const maxUpload = opts.maxUploadBytes ?? 2 * 1024 * MiB;
  const token = randomBytes(32).toString('hex');
  // Uploads of a session that was killed (kill -9, a crash) go at once, not after a day.
  await engine.sweepUploads();
  /** Uploads not yet consumed by an import; removed on close. */
  const uploads = new Set<string>();
  let port = 0;

  const authenticated = (req: IncomingMessage): boolean =>
    tokenMatches(cookieValue(req, TOKEN_COOKIE), token) || tokenMatches(bearerToken(req), token);

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      req.resume();
      return sendError(res, 405, 'method_not_allowed', 'API calls are POST requests');
    }
    if (name === 'upload') {
      try {
        const uploadId = await streamUpload(req, engine.uploadsDir, maxUpload);
        uploads.add(uploadId);
        return sendJson(res, 200, { ok: true, value: { uploadId } });
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          res.setHeader('Connection', 'close');
          return sendError(res, 413, 'too_large', `The file is larger than the ${Math.round(maxUpload / MiB)} MiB upload limit`);
        }
        throw err;
      }
    }
    if (!isApiMethod(name)) {
      req.resume();
      return sendError(res, 404, 'unknown_method', `Unknown API method "${name}"`);
    }
    // A JSON content type cannot be sent cross-origin without a CORS preflight, which we never grant.
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      req.resume();
      return sendError(res, 415, 'unsupported_media_type', 'API calls take a JSON body (Content-Type: application/json)');
    }
    let payload: unknown = {};
    try {
      const raw = await readBody(req, maxJson);
      if (raw.length) payload = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendError(res, 413, 'too_large', `The request is larger than ${maxJson} bytes`);
      return sendError(res, 400, 'bad_request', 'The request body is not valid JSON');
    }
    if (name === 'importFile') {
      const id = (payload as { file?: { uploadId?: unknown } } | null)?.file?.uploadId;
      if (typeof id === 'string') uploads.delete(id); // the engine removes the file after the import
    }
    sendJson(res, 200, await engine.call(name, payload));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    if (!hostAllowed(req, port)) return refuse(res, 'unexpected Host header');
    if (!originAllowed(req)) return refuse(res, 'cross-origin request');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && (req.method === 'GET' || req.method === 'HEAD')) {
      if (!tokenMatches(queryToken, token)) return refuse(res, 'wrong token; use the URL printed by `npm run serve`');
      url.searchParams.delete('token');
      res.writeHead(303, {
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    if (!authenticated(req)) {
      req.resume();
      return refuse(res, 'missing or wrong token; open the URL printed by `npm run serve`');
    }

    const api = /^\/api\/([A-Za-z][A-Za-z0-9]*)$/.exec(url.pathname);
    if (api) return handleApi(req, res, api[1]!);
    if (url.pathname.startsWith('/api/')) {
      req.resume();
      return sendError(res, 404, 'unknown_method', 'Unknown API path');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      req.resume();
      res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('Method not allowed\n');
    }
    return serveStatic(req, res, staticDir, url.pathname);
  }

  const server = createServer({ requestTimeout: 60 * 60 * 1000 }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendError(res, 500, 'internal', err instanceof Error ? err.message.split('\n')[0]! : 'Internal error');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;

  return {
    origin,
    url: `${origin}/?token=${token}`,
    token,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all([...uploads].map((id) => rm(join(engine.uploadsDir, id), { force: true })));
      uploads.clear();
      // Every upload of this session (the engine's folder) and of dead ones.
      await engine.clearUploads();
    },
  };
}
