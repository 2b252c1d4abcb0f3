/**
 * Issue 18 item 9: a once('error') added at every drain and never removed gave a
 * MaxListenersExceededWarning on every large upload and Windows-1252 import.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { writeWithBackpressure } from '../../electron/engine/streams';
import { importCsv } from '../../electron/engine/import/importCsv';
import { freshProjectEachTest } from '../helpers';
import { fixture } from './import/helpers';
import type { Project } from '../../electron/engine/project';

const warnings: Error[] = [];
const onWarning = (w: Error) => void warnings.push(w);
afterEach(() => {
  process.off('warning', onWarning);
  warnings.length = 0;
});

describe('writes that wait for drain', () => {
  it('leave no listener behind, however many drains', async () => {
    const out = new Writable({ highWaterMark: 4, write: (_chunk, _enc, done) => setImmediate(done) });
    const before = out.listenerCount('error');
    for (let i = 0; i < 50; i++) {
      await writeWithBackpressure(out, Buffer.alloc(64, 1));
      expect(out.listenerCount('error')).toBe(before);
      expect(out.listenerCount('drain')).toBe(0);
    }
  });

  it('reject on a stream error', async () => {
    const out = new Writable({ highWaterMark: 4, write: (_chunk, _enc, done) => setImmediate(() => done(new Error('ENOSPC: no space left'))) });
    out.on('error', () => undefined);
    await expect(writeWithBackpressure(out, Buffer.alloc(64, 1))).rejects.toThrow(/ENOSPC/);
  });

  describe('a large Windows-1252 import', () => {
    let dir = '';
    let project: Project;
    freshProjectEachTest((d, p) => {
      dir = d;
      project = p;
    });
    it('gives no MaxListenersExceededWarning', async () => {
      process.on('warning', onWarning);
      const rows = ['employee_id,hire_date,department'];
      for (let i = 0; i < 400_000; i++) rows.push(`${i},2020-01-01,Caf\u00e9 number ${i}`);
      const path = fixture(dir, 'cp1252.csv', Buffer.from(rows.join('\n') + '\n', 'latin1'));
      const s = await importCsv(project.conn, { path, kind: 'people' });
      expect(s.detected.encoding).toBe('windows-1252');
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    }, 60_000);
  });
});
