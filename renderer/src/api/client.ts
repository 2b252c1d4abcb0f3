/**
 * The contract client: the renderer's only way to the engine. In Electron it is the
 * preload bridge; in a browser it is `POST /api/<method>` on the browser-mode server
 * (same origin, the HttpOnly token cookie authenticates).
 */
import type { Api, ApiMethod } from '../../../shared/api';
import type { Result } from '../../../shared/result';
import type { HostBridge, MentorImpactBridge } from '../../../shared/hostBridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    mentorImpact?: MentorImpactBridge;
  }
}

function transportError(message: string, code = 'transport'): Result<never> {
  return { ok: false, error: { code, message } };
}

function httpMessage(status: number): string {
  if (status === 403) return 'The local server refused the request: open the address printed by `npm run serve` again (it carries a new access token).';
  if (status === 413) return 'The request is too large for the local server.';
  return `The local server answered with HTTP ${status}.`;
}

async function postJson<T>(path: string, body: unknown): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body ?? {}),
    });
  } catch {
    return transportError('Cannot reach the Mentor Impact server: is `npm run serve` still running?', 'offline');
  }
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      return (await res.json()) as Result<T>;
    } catch {
      return transportError(httpMessage(res.status), `http_${res.status}`);
    }
  }
  return transportError(httpMessage(res.status), `http_${res.status}`);
}

/**
 * One function per method name, made on first use: the contract's type says which names
 * exist, and the server (or preload) refuses any other with an `unknown_method` error.
 */
function contractProxy(call: (method: ApiMethod, req: unknown) => Promise<Result<unknown>>): Api {
  const cache = new Map<string, (req: unknown) => Promise<Result<unknown>>>();
  return new Proxy({} as Api, {
    get(_target, name) {
      // Not thenable, not a symbol-keyed protocol object: only plain method names.
      if (typeof name !== 'string' || name === 'then' || !/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) return undefined;
      let fn = cache.get(name);
      if (!fn) {
        fn = (req: unknown) => call(name as ApiMethod, req);
        cache.set(name, fn);
      }
      return fn;
    },
  });
}

function httpApi(): Api {
  return contractProxy((method, req) => postJson(`/api/${method}`, req));
}

function bridgeApi(bridge: MentorImpactBridge): Api {
  return contractProxy(async (method, req) => {
    const fn = (bridge as unknown as Record<string, unknown>)[method];
    if (typeof fn !== 'function') return transportError(`Unknown API method "${method}"`, 'unknown_method');
    try {
      return await (fn as (req: unknown) => Promise<Result<unknown>>)(req ?? {});
    } catch (err) {
      return transportError(err instanceof Error ? err.message : String(err));
    }
  });
}

const bridge = typeof window !== 'undefined' ? window.mentorImpact : undefined;

/** 'electron' when the preload bridge is present, otherwise the browser-mode server. */
export const transport: 'electron' | 'browser' = bridge ? 'electron' : 'browser';

export const api: Api = bridge ? bridgeApi(bridge) : httpApi();

/** Native dialogs; null in a browser. */
export const host: HostBridge | null = bridge?.host ?? null;

/**
 * Browser mode: streams a file to `POST /api/upload` (the engine stores it under an
 * upload id that importFile then reads). XHR, because fetch reports no upload progress.
 */
export function uploadFile(file: File, onProgress?: (fraction: number) => void): Promise<Result<{ uploadId: string }>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/upload');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => resolve(transportError('The upload failed: is `npm run serve` still running?', 'offline'));
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as Result<{ uploadId: string }>);
      } catch {
        resolve(transportError(httpMessage(xhr.status), `http_${xhr.status}`));
      }
    };
    xhr.send(file);
  });
}
