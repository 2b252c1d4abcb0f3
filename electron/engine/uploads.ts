import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Browser-mode uploads are raw copies of personal data. Each engine (one per process) keeps
 * them in its own session folder, `<dataDir>/uploads/<pid>-<random>/`, so that:
 * - at start and stop every session folder whose process is gone (a kill -9, a crash) is
 *   removed at once, never left for a day, while another running server's uploads stay;
 * - "delete personal data" removes this session's uploads too.
 */
export class UploadStore {
  readonly root: string;
  readonly dir: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'uploads');
    this.dir = join(this.root, `${process.pid}-${randomBytes(6).toString('hex')}`);
  }

  /** Removes this session's uploads (the folder is made again by the next upload). */
  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Removes what dead sessions left behind, and loose uploads of older versions (top-level files). */
  async sweep(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return;
    }
    await Promise.all(
      names.map(async (name) => {
        const path = join(this.root, name);
        if (path === this.dir) return;
        const session = SESSION.exec(name);
        if (session && processAlive(Number(session[1]))) return;
        if (!session && !LEGACY_UPLOAD.test(name)) return;
        const info = await stat(path).catch(() => null);
        if (info) await rm(path, { recursive: true, force: true });
      }),
    );
  }
}

const SESSION = /^(\d+)-[0-9a-f]{12}$/;
const LEGACY_UPLOAD = /^[0-9a-f]{32}$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
