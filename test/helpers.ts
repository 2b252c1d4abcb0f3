import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { Project } from '../electron/engine/project';

export function tempDir(prefix = 'mi-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeCsv(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A fresh project in a fresh folder before each test of the calling suite, closed after it; `use` receives both. */
export function freshProjectEachTest(use: (dir: string, project: Project) => void): void {
  let project: Project | undefined;
  beforeEach(async () => {
    const dir = tempDir();
    project = await Project.open(join(dir, 'p.duckdb'));
    use(dir, project);
  });
  afterEach(async () => {
    await project?.close();
  });
}
