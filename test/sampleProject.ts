import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { Project } from '../electron/engine/project';
import { tempDir } from './helpers';

/** A copy of the run's sample project (test/globalSetup.ts) at `path` (default: a fresh temp file). */
export function copySampleProject(path = join(tempDir(), 'sample.duckdb')): string {
  copyFileSync(inject('sampleProject'), path);
  return path;
}

/** The sample project, imported already, opened from a fresh copy. */
export function openSampleCopy(): Promise<Project> {
  return Project.open(copySampleProject());
}

/**
 * An engine data folder whose sample project is already imported, so `openSampleProject`
 * only opens it (and adds the sample's analysis settings) instead of importing the four files.
 */
export function sampleDataHome(dir = tempDir('mi-home-')): string {
  mkdirSync(dir, { recursive: true });
  copySampleProject(join(dir, 'sample-project.duckdb'));
  return dir;
}
