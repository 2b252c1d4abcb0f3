import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryValue } from '../../electron/engine/db';
import { MAX_LISTED_VALUES } from '../../electron/engine/filterOptions';
import { Engine } from '../../electron/engine/service';
import { tempDir } from '../helpers';
import { sampleDataHome } from '../sampleProject';

const sampleDataDir = join(__dirname, '..', '..', 'sample-data');

describe('listFilterOptions', () => {
  it('lists every cohort (unfiltered) and the attribute values of the sample project', async () => {
    const engine = new Engine({ host: 'direct', dataDir: sampleDataHome(), sampleDataDir });
    try {
      const project = await engine.openSampleProject();
      const unfiltered = await engine.api.analyze({ config: { cohorts: [], filters: {} } });
      if (!unfiltered.ok) throw new Error(unfiltered.error.message);
      const allCohorts = unfiltered.value.population.cohorts;
      expect(allCohorts.length).toBeGreaterThan(1);

      // Saved filters (one cohort, one department) must not narrow the options.
      await engine.api.saveAnalysisSettings({ config: { cohorts: [allCohorts[0]!.cohort], filters: { department: ['Sales'] } } });
      const res = await engine.api.listFilterOptions({});
      if (!res.ok) throw new Error(res.error.message);
      const { cohorts, attributes } = res.value;
      expect(cohorts).toEqual(allCohorts);
      // Every cohort and value of the sample holds at least 5 participants and 5 comparison people.
      expect(res.value.otherCohorts).toEqual([]);
      expect(res.value.attributes.every((a) => a.other.length === 0)).toBe(true);
      expect(cohorts.every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c.startDate) && c.participants > 0)).toBe(true);

      // Attributes only: no identifiers, dates, outcomes or import traces.
      expect(attributes.map((a) => a.column)).toEqual(['department', 'job_level', 'location']);
      const department = attributes.find((a) => a.column === 'department')!;
      expect(department.values).toContain('Sales');
      expect(department.values).toEqual([...department.values].sort());
      expect(department.distinct).toBe(department.values.length);
      expect(department.distinct).toBe(Number(await queryValue(project.conn, 'SELECT count(DISTINCT department) FROM people WHERE department IS NOT NULL')));
      for (const a of attributes) expect(a.values.every((v) => v !== '' && typeof v === 'string')).toBe(true);
    } finally {
      await engine.closeProject();
    }
  });

  it('lists at most 200 values per attribute and gives the true count', async () => {
    const engine = new Engine({ host: 'direct', dataDir: tempDir(), sampleDataDir });
    try {
      const project = await engine.openProject(join(tempDir(), 'many.duckdb'));
      await project.conn.run(
        `INSERT INTO people (employee_id, hire_date, department, location, manager_id)
         SELECT lpad(i::VARCHAR, 6, '0'), DATE '2020-01-01', 'Dept ' || (i % 3), 'Site ' || lpad(i::VARCHAR, 3, '0'), 'M' || i FROM range(250) t(i)`,
      );
      await project.conn.run(`INSERT INTO people (employee_id, hire_date, department) VALUES ('999999', DATE '2020-01-01', NULL)`);
      const res = await engine.api.listFilterOptions({});
      if (!res.ok) throw new Error(res.error.message);
      expect(res.value.cohorts).toEqual([]);
      const byColumn = Object.fromEntries(res.value.attributes.map((a) => [a.column, a]));
      expect(Object.keys(byColumn)).not.toContain('manager_id');
      expect(byColumn['department']).toEqual({ column: 'department', values: ['Dept 0', 'Dept 1', 'Dept 2'], distinct: 3, other: [] });
      expect(byColumn['location']!.values).toHaveLength(MAX_LISTED_VALUES);
      expect(byColumn['location']!.values[0]).toBe('Site 000');
      expect(byColumn['location']!.distinct).toBe(250);
      expect(byColumn['job_level']).toEqual({ column: 'job_level', values: [], distinct: 0, other: [] });
    } finally {
      await engine.closeProject();
    }
  });

  it('needs an open project', async () => {
    const engine = new Engine({ host: 'direct', dataDir: tempDir(), sampleDataDir });
    expect(await engine.api.listFilterOptions({})).toMatchObject({ ok: false, error: { code: 'no_project' } });
    expect(await engine.call('listFilterOptions', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
