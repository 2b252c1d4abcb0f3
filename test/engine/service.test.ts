import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/service';
import { tempDir } from '../helpers';

const sampleDataDir = join(__dirname, '..', '..', 'sample-data');

describe('Engine (direct transport)', () => {
  it('opens the sample project with its four tables and remembers the survey settings', async () => {
    const dataDir = tempDir();
    const engine = new Engine({ host: 'direct', dataDir, sampleDataDir });
    try {
      const opened = await engine.api.openSampleProject({});
      expect(opened.ok).toBe(true);
      if (!opened.ok) return;
      const rows = Object.fromEntries(opened.value.tables.map((t) => [t.name, t.rows]));
      expect(rows).toMatchObject({ people: 2995, roster: 617, survey_responses: 65843, performance_reviews: 5659, import_rejects: 0 });
      expect(rows.imports).toBe(4);
      const settings = await engine.api.getAnalysisSettings({});
      expect(settings).toEqual({ ok: true, value: { survey: { scaleMin: 1, scaleMax: 5, reverseItems: ['ENG6'] } } });
      const result = await engine.api.analyze({});
      expect(result.ok && result.value.config.survey.reverseItems).toEqual(['ENG6']);
      const info = await engine.api.getAppInfo({});
      expect(info.ok && info.value.recentProjects[0]).toBe(join(dataDir, 'sample-project.duckdb'));
      // Opening it again reuses the imported data instead of importing twice.
      await engine.closeProject();
      const again = await engine.api.openSampleProject({});
      expect(again.ok && again.value.tables.find((t) => t.name === 'imports')?.rows).toBe(4);
    } finally {
      await engine.closeProject();
    }
  });

  it('validates every payload and answers errors as data', async () => {
    const engine = new Engine({ host: 'direct', dataDir: tempDir(), sampleDataDir });
    expect(await engine.call('listTables', {})).toMatchObject({ ok: false, error: { code: 'no_project' } });
    expect(await engine.call('previewTable', { table: 'secrets; DROP TABLE people' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await engine.call('importFile', { file: { path: '/x.csv' }, kind: 'payroll' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await engine.call('analyze', { config: { preDays: -3 } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await engine.call('openProject', { path: join(tempDir(), 'p.duckdb'), extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});

describe('Engine analysis cache', () => {
  it('serves a repeated filter set from memory and recomputes after any change to the project', async () => {
    const engine = new Engine({ host: 'direct', dataDir: tempDir(), sampleDataDir });
    try {
      expect((await engine.api.openSampleProject({})).ok).toBe(true);
      const participants = async (config = {}) => {
        const r = await engine.api.analyze({ config });
        if (!r.ok) throw new Error(r.error.message);
        return r.value.population.participants;
      };
      const all = await participants();
      const oneCohort = await participants({ cohorts: ['2022 Fall'] });
      expect(oneCohort).toBeLessThan(all);
      // A change behind the engine's back (no API call) is not seen: the results come from the cache,
      // keyed by the configuration.
      const conn = (engine as unknown as { project: { conn: { run(sql: string): Promise<unknown> } } }).project.conn;
      await conn.run(`DELETE FROM roster WHERE cohort = '2022 Fall'`);
      expect(await participants()).toBe(all);
      expect(await participants({ cohorts: ['2022 Fall'] })).toBe(oneCohort);
      // Callers get their own copy: changing one does not change the next.
      const first = await engine.api.analyze({});
      if (first.ok) first.value.population.participants = -1;
      expect(await participants()).toBe(all);
      // Any call that may write (here: saving settings) empties the cache.
      const settings = await engine.api.getAnalysisSettings({});
      if (!settings.ok) throw new Error('settings');
      expect((await engine.api.saveAnalysisSettings({ config: settings.value })).ok).toBe(true);
      expect(await participants({ cohorts: ['2022 Fall'] })).toBe(0);
      expect(await participants()).toBeLessThan(all);
      expect(await participants()).toBe(all - oneCohort);
    } finally {
      await engine.closeProject();
    }
  });
});
