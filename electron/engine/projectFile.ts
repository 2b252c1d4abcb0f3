import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { EngineError } from './errors';

/** DuckDB's main header: an 8-byte checksum, then these magic bytes. */
const DUCKDB_MAGIC = Buffer.from('DUCK', 'ascii');
const MAGIC_OFFSET = 8;
const PROJECT_EXTENSION = /\.duckdb$/i;

export interface ProjectPathRules {
  /** Browser mode: the name must end in `.duckdb` even for an existing DuckDB file. */
  requireExtension?: boolean;
}

/**
 * A project is a DuckDB database file. DuckDB opens any other file it knows (CSV, JSON,
 * Parquet) as an in-memory database with a view over it: an import into that "project" would
 * say it loaded the rows and then keep nothing. So, before DuckDB sees the path:
 * - an existing file must start with DuckDB's header (checked here, from its first 12 bytes,
 *   so that no other file's content is ever parsed);
 * - a new file must be named `*.duckdb`.
 */
export async function checkProjectPath(path: string, rules: ProjectPathRules = {}): Promise<void> {
  const name = basename(path);
  const named = PROJECT_EXTENSION.test(name);
  if (rules.requireExtension && !named) {
    throw new EngineError('not_a_project', `${name}: a project file name ends in .duckdb; choose or create a .duckdb file`, { file: name });
  }
  const head = await readHead(path);
  if (head === 'missing') {
    if (!named) throw new EngineError('not_a_project', `${name}: a new project file name must end in .duckdb (this would not be a DuckDB project file)`, { file: name });
    return;
  }
  if (head === 'not_a_file') throw new EngineError('not_a_project', `${name}: not a file; a project is one .duckdb file`, { file: name });
  if (!isDuckdbHeader(head)) {
    throw new EngineError(
      'not_a_project',
      `${name} is not a DuckDB project file${named ? '' : ' (to import a data file, name a .duckdb project first and the data file after --kind)'}; nothing was opened`,
      { file: name },
    );
  }
}

export function isDuckdbHeader(head: Buffer): boolean {
  return head.length >= MAGIC_OFFSET + DUCKDB_MAGIC.length && head.subarray(MAGIC_OFFSET, MAGIC_OFFSET + DUCKDB_MAGIC.length).equals(DUCKDB_MAGIC);
}

async function readHead(path: string): Promise<Buffer | 'missing' | 'not_a_file'> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'EISDIR') return 'not_a_file';
    throw new EngineError('not_a_project', `${basename(path)}: cannot read the project file (${code ?? 'error'})`, { file: basename(path) });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return 'not_a_file';
    const buf = Buffer.alloc(MAGIC_OFFSET + DUCKDB_MAGIC.length);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
