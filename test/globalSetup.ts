/**
 * Once per test run: a private temp folder for every test (TMPDIR, inherited by the test
 * workers, the servers and Chromium they start), removed at the end; and the sample project
 * (the committed sample exports imported once), which tests copy instead of importing the
 * same four files again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { Project } from '../electron/engine/project';
import { SAMPLE_AS_OF, importSampleData } from '../electron/engine/sampleFiles';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The sample project file, closed and checkpointed: copy it, never open it in place. */
    sampleProject: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const root = mkdtempSync(join(tmpdir(), 'mi-test-run-'));
  process.env.TMPDIR = root;
  const file = join(mkdtempSync(join(root, 'fixture-')), 'sample-project.duckdb');
  const sample = await Project.open(file);
  try {
    await importSampleData(sample.conn, join(__dirname, '..', 'sample-data'), { asOf: SAMPLE_AS_OF });
  } finally {
    await sample.close();
  }
  project.provide('sampleProject', file);
  return () => rmSync(root, { recursive: true, force: true });
}
