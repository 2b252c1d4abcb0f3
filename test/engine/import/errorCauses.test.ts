/**
 * Issue 18 item 5: the real cause of a failed import, with file and column. A bad strftime
 * format or a full disk used to end in "TransactionContext Error: Current transaction is
 * aborted (please ROLLBACK)": a RESET in a `finally` ran on the aborted transaction and its
 * error replaced the one that mattered.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../../electron/engine/import/importCsv';
import { Project } from '../../../electron/engine/project';
import { freshProjectEachTest, tempDir } from '../../helpers';
import { engineError, fixture, rows, snapshot } from './helpers';

const REVIEWS = 'employee_id,review_date,rating\n001,2024-01-15,3\n002,2024-02-15,4\n';

describe('a bad date format in the mapping', () => {
  let dir = '';
  let project: Project;
  freshProjectEachTest((d, p) => {
    dir = d;
    project = p;
  });

  it.each([
    [{ dateFormat: '%Q' }, /Unrecognized format.*%Q/],
    [{ dateFormat: '%' }, /Trailing format character/],
    [{ dateFormats: { review_date: '%Y-%m-%' } }, /Trailing format character/],
  ])('%j is refused naming the file, the column and the format; the project is unchanged and usable', async (mapping, why) => {
    await importCsv(project.conn, { path: fixture(dir, 'first.csv', REVIEWS), kind: 'performance' });
    const before = await snapshot(project);
    const path = fixture(dir, 'reviews.csv', REVIEWS);
    for (const dryRun of [true, false]) {
      const err = await engineError(importCsv(project.conn, { path, kind: 'performance', mapping, dryRun }));
      expect(err.message).not.toMatch(/TransactionContext|transaction is aborted/i);
      expect(err.message).toMatch(/^reviews\.csv, column "review_date": the mapping's date format "%[^"]*" is not a strftime format/);
      expect(err.message).toMatch(why);
      expect(err.toApiError()).toMatchObject({ code: 'bad_mapping', file: 'reviews.csv', column: 'review_date' });
    }
    expect(await snapshot(project)).toEqual(before);
    // The connection is not left inside an aborted transaction.
    await importCsv(project.conn, { path, kind: 'performance', mapping: { dateFormat: '%Y-%m-%d' }, mode: 'append' });
    expect(await rows(project, 'SELECT count(*)::INT AS n FROM performance_reviews')).toEqual([{ n: 2 }]);
  });
});

/** A 3 MiB tmpfs holds the project: the import's write runs out of space (needs root to mount). */
function mountTinyDisk(at: string): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  mkdirSync(at, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', at]).status === 0;
}

const work = tempDir('mi-full-disk-');
const disk = join(work, 'disk');
const mounted = mountTinyDisk(disk);

describe(mounted ? 'a full disk' : 'a full disk (skipped: mounting a 3 MiB tmpfs needs root on Linux)', () => {
  let big = '';
  beforeAll(() => {
    const lines = ['employee_id,review_date,rating,notes'];
    for (let i = 0; i < 300_000; i++) lines.push(`${String(i).padStart(7, '0')},2024-01-${String((i % 28) + 1).padStart(2, '0')},${(i % 5) + 1},note ${i * 7919} of a review`);
    big = join(work, 'big.csv');
    writeFileSync(big, lines.join('\n') + '\n');
  });
  afterAll(() => {
    if (mounted) spawnSync('umount', [disk]);
  });

  it.skipIf(!mounted)('says the disk is full, naming the file; the import is rolled back and the project opens as it was', async () => {
    const path = join(disk, 'p.duckdb');
    const project = await Project.open(path);
    try {
      await importCsv(project.conn, { path: fixture(work, 'small.csv', REVIEWS), kind: 'performance' });
      const err = await engineError(importCsv(project.conn, { path: big, kind: 'performance', mode: 'append' }));
      expect(err.message).not.toMatch(/TransactionContext|transaction is aborted/i);
      expect(err.toApiError()).toMatchObject({ code: 'disk_full', file: 'big.csv' });
      expect(err.message).toMatch(/^big\.csv: the disk is full, so the project could not be written \(.*No space left on device\); the import was rolled back/);
      expect(await rows(project, 'SELECT count(*)::INT AS n FROM performance_reviews')).toEqual([{ n: 2 }]);
    } finally {
      await project.close().catch(() => undefined);
    }
    const reopened = await Project.open(path);
    try {
      expect(await rows(reopened, 'SELECT count(*)::INT AS n FROM performance_reviews')).toEqual([{ n: 2 }]);
      expect(await rows(reopened, 'SELECT count(*)::INT AS n FROM imports')).toEqual([{ n: 1 }]);
    } finally {
      await reopened.close().catch(() => undefined);
    }
  }, 60_000);
});
