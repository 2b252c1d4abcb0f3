import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { copyPrefix, sweepStaleCopies } from '../../../electron/engine/import/tempCopies';
import { tempDir } from '../../helpers';

describe('transcoded import copies', () => {
  it('removes the copies of a process that is gone and keeps live ones', async () => {
    const dir = tempDir();
    // A pid that certainly ended: a child that has exited.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const stale = join(dir, `${copyPrefix(gone)}abc`);
    const mine = join(dir, `${copyPrefix()}def`);
    for (const d of [stale, mine]) {
      mkdirSync(d);
      writeFileSync(join(d, 'source-utf8.csv'), 'employee_id\n00123\n');
    }
    expect(await sweepStaleCopies(dir)).toBe(1);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(mine)).toBe(true);
  });
});
