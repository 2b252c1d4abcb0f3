import type { Writable } from 'node:stream';

/**
 * Writes a chunk and, when the stream asks, waits for 'drain'. Both listeners are removed
 * once either fires: a once('error') left behind on every drain piles up on a long write
 * (MaxListenersExceededWarning on every large upload and Windows-1252 import).
 */
export async function writeWithBackpressure(out: Writable, buf: Buffer): Promise<void> {
  if (out.write(buf)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      out.off('error', onError);
      resolve();
    };
    const onError = (err: Error) => {
      out.off('drain', onDrain);
      reject(err);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}
