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
