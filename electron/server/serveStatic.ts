import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mimeType, resolveStaticFile } from '../common/staticFiles';

/** Sends the renderer's file a URL path names (the rules of resolveStaticFile), or 404. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string): Promise<void> {
  const file = await resolveStaticFile(root, pathname);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('Not found\n');
    return;
  }
  const info = await stat(file);
  res.writeHead(200, {
    'Content-Type': mimeType(file),
    'Content-Length': info.size,
    // The page is small and local; always revalidate so a rebuilt renderer shows at once.
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
}
