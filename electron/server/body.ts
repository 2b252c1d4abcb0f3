import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { writeWithBackpressure } from '../engine/streams';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes`);
  }
}

function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * Reads a small body whole. Past the limit the rest is drained (the caller is already
 * authenticated) so the client reads a clean 413 instead of a reset connection.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== null && declared > limit) {
    req.resume();
    throw new BodyTooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) tooLarge = true;
    if (!tooLarge) chunks.push(buf);
  }
  if (tooLarge) throw new BodyTooLarge(limit);
  return Buffer.concat(chunks);
}

/** Streams the raw body to `<dir>/<random 32 hex>`; returns the id. Removes the file on failure. */
export async function streamUpload(req: IncomingMessage, dir: string, limit: number): Promise<string> {
  const declared = declaredLength(req);
  if (declared !== null && declared > limit) throw new BodyTooLarge(limit);
  await mkdir(dir, { recursive: true });
  const id = randomBytes(16).toString('hex');
  const path = join(dir, id);
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  try {
    let size = 0;
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > limit) throw new BodyTooLarge(limit);
      await writeWithBackpressure(out, buf);
    }
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(resolve);
    });
    return id;
  } catch (err) {
    // The file opens asynchronously: removing it before the stream has closed can run before
    // the open and leave an empty upload behind.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()).destroy());
    await rm(path, { force: true });
    throw err;
  }
}
