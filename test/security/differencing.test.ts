/**
 * Differencing: two analyses that each show only groups of at least minGroupSize must not
 * differ by a few people, or n × mean of one minus n × mean of the other gives those
 * people's numbers. The engine refuses filter selections that would allow it
 * (engine/analysis/refuseIsolatingSelection.ts), on real values of the sample project.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../electron/engine/analysis/analyze';
import { mergedAsOther } from '../../electron/engine/analysis/mergedAsOther';
import { main } from '../../electron/cli/main';
import { queryRows } from '../../electron/engine/db';
import { listFilterOptions } from '../../electron/engine/filterOptions';
import { Project } from '../../electron/engine/project';
import { Engine } from '../../electron/engine/service';
import type { AnalysisResult } from '../../shared/analysis';
import type { AnalysisConfigInput } from '../../shared/api';
import { tempDir } from '../helpers';
import { copySampleProject, openSampleCopy, sampleDataHome } from '../sampleProject';

const sampleDataDir = join(__dirname, '..', '..', 'sample-data');

/** What subtraction works on: each group's n and n × mean of its "after" values, and who stayed. */
function sums(r: AnalysisResult) {
  const perf = r.outcomes.performance!.comparison;
  const survey = r.outcomes.survey!.comparison;
  const rate = r.outcomes.retention!.rate12m;
  return { participants: r.population.participants, ratings: [perf.n1, perf.n1! * perf.mean1!], survey: [survey.n1, survey.n1! * survey.mean1!], stayed: [rate.n1, rate.k1] };
}

/** The refusal of an analysis, as the engine API gives it. */
async function refusal(engine: Engine, config: AnalysisConfigInput) {
  const r = await engine.api.analyze({ config });
  if (r.ok) throw new Error(`not refused: ${JSON.stringify(config)}`);
  return r.error;
}

describe('the reported attack: department Operations, start dates a day apart', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = new Engine({ host: 'direct', dataDir: sampleDataHome(), sampleDataDir });
    await engine.openSampleProject();
  });
  afterAll(() => engine.closeProject());

  it('no longer differs by the one Operations mentee who joined 2023 Spring on 2023-03-16', async () => {
    const copy = await openSampleCopy();
    const [late] = await queryRows<{ n: number }>(
      copy.conn,
      `SELECT count(*)::INTEGER AS n FROM roster r JOIN people p USING (employee_id)
       WHERE r.role = 'mentee' AND r.cohort = '2023 Spring' AND r.start_date = DATE '2023-03-16' AND p.department = 'Operations'`,
    );
    await copy.close();
    expect(late!.n).toBe(1);
    const wide = await engine.api.analyze({ config: { filters: { department: ['Operations'] }, dateRange: { from: '2023-03-06', to: '2023-03-16' } } });
    const narrow = await engine.api.analyze({ config: { filters: { department: ['Operations'] }, dateRange: { from: '2023-03-06', to: '2023-03-15' } } });
    if (!wide.ok || !narrow.ok) throw new Error('refused');
    // Before the fix: 16 against 15 participants, ratings 13 (sum 45) against 12 (41), survey 12
    // (44.589) against 11 (41.464), stayed 12 of 16 against 11 of 15 — that mentee's rating 4,
    // survey score 3.125, and stayed. Now each range selects the cohort whole: nothing to subtract.
    expect(sums(wide.value)).toEqual(sums(narrow.value));
    expect(wide.value.population.participants).toBe(16);
    expect(wide.value.population.cohorts).toEqual([{ cohort: '2023 Spring', startDate: '2023-03-06', participants: 16 }]);
  });

  it('the same attack through a cohort is refused, naming the filter and why', async () => {
    // People department: adding 2022 Fall to 2022 Spring adds 1 comparison person (hired
    // in between) and re-indexes nobody else.
    const error = await refusal(engine, { filters: { department: ['People'] }, cohorts: ['2022 Spring'] });
    expect(error).toEqual({
      code: 'filter_isolates',
      message:
        'Cohorts and start dates: given the other filters, cohort "2022 Fall" holds only 1 comparison person (fewer than 5 but more than none), so this analysis and the same one with cohort "2022 Fall" added or left out would differ by so few people that subtracting one from the other would reveal their ratings, survey scores and whether they stayed. Clear one of the other filters, or this one.',
    });
    // With 2022 Fall in, the selection stands: Operations in 2023 Spring, or in both 2022 Fall and 2023 Spring.
    const ok = await engine.api.analyze({ config: { filters: { department: ['Operations'] }, cohorts: ['2022 Fall', '2023 Spring'] } });
    expect(ok.ok && ok.value.population).toMatchObject({ participants: 32, comparison: 87 });
  });

  it('the CLI refuses with the input-error exit code and the message on one line', async () => {
    const dir = tempDir();
    const db = copySampleProject(join(dir, 'p.duckdb'));
    const config = join(dir, 'analysis.json');
    writeFileSync(config, JSON.stringify({ filters: { department: ['People'] }, cohorts: ['2022 Spring'] }));
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    try {
      expect(await main(['analyze', db, '--config', config, '--json', join(dir, 'out.json')])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^mentor-impact: Cohorts and start dates: given the other filters, cohort "2022 Fall" holds only 1 comparison person/);
  });
});

describe('rule 1: options too small to stand alone count only together, as "Other"', () => {
  it('merges the small options, then the smallest others until "Other" is big enough', () => {
    const o = (value: string, participants: number, comparison: number) => ({ value, participants, comparison });
    expect(mergedAsOther([o('A', 40, 300), o('B', 6, 50)], 5)).toEqual([]);
    expect(mergedAsOther([o('A', 40, 300), o('B', 3, 50), o('C', 2, 9), o('D', 20, 100)], 5)).toEqual(['B', 'C']);
    // "Other" of B alone (3 participants) is too small: D, the smallest, joins it.
    expect(mergedAsOther([o('A', 40, 300), o('B', 3, 50), o('D', 20, 100)], 5)).toEqual(['B', 'D']);
    // None is not few: a value without mentees stands alone.
    expect(mergedAsOther([o('A', 40, 300), o('B', 0, 50)], 5)).toEqual([]);
    expect(mergedAsOther([o('A', 4, 3)], 5)).toEqual(['A']);
  });

  let project: Project;
  beforeAll(async () => {
    project = await openSampleCopy();
    // Three Finance mentees and thirty comparison people to "Legal", two and two to "Facilities";
    // three comparison people become the mentees of a pilot cohort starting 2023-06-05.
    await project.conn.run(`
      UPDATE people SET department = 'Legal' WHERE employee_id IN (
        (SELECT employee_id FROM people WHERE department = 'Finance' AND employee_id IN (SELECT employee_id FROM roster WHERE role = 'mentee') ORDER BY employee_id LIMIT 3)
        UNION ALL (SELECT employee_id FROM people WHERE department = 'Finance' AND employee_id NOT IN (SELECT employee_id FROM roster) ORDER BY employee_id LIMIT 30));
      UPDATE people SET department = 'Facilities' WHERE employee_id IN (
        (SELECT employee_id FROM people WHERE department = 'Marketing' AND employee_id IN (SELECT employee_id FROM roster WHERE role = 'mentee') ORDER BY employee_id LIMIT 2)
        UNION ALL (SELECT employee_id FROM people WHERE department = 'Marketing' AND hire_date < DATE '2022-01-01' AND termination_date IS NULL AND employee_id NOT IN (SELECT employee_id FROM roster) ORDER BY employee_id LIMIT 2));
      INSERT INTO roster (employee_id, role, cohort, start_date)
        SELECT employee_id, 'mentee', '2023 Pilot', DATE '2023-06-05' FROM people
        WHERE department = 'Engineering' AND hire_date < DATE '2023-01-01' AND termination_date IS NULL AND employee_id NOT IN (SELECT employee_id FROM roster) ORDER BY employee_id LIMIT 3;`);
  });
  afterAll(() => project.close());

  const refused = (config: AnalysisConfigInput) => analyze(project.conn, config).then(() => null, (e: Error & { code?: string }) => ({ code: e.code, message: e.message }));

  it('a small attribute value cannot be selected or left out on its own', async () => {
    const alone = await refused({ filters: { department: ['Legal'] } });
    expect(alone).toEqual({
      code: 'filter_isolates',
      message:
        'Department: the selection includes "Legal" but not "Facilities". A value with fewer than 5 participants or comparison people ("Facilities": 2 participants and 2 comparison people; "Legal": 3 participants) cannot be selected or left out on its own: such values count only together, as "Other" (Facilities, Legal). Select all of them or none.',
    });
    const allButLegal = ['Customer Success', 'Engineering', 'Facilities', 'Finance', 'Marketing', 'Operations', 'People', 'Sales'];
    expect((await refused({ filters: { department: allButLegal } }))?.message).toMatch(/^Department: the selection includes "Facilities" but not "Legal"\./);
    expect(await refused({ filters: { department: ['Legal', 'Facilities'] } })).toBeNull();
    expect(await refused({ filters: { department: ['Sales', 'Legal', 'Facilities'] } })).toBeNull();
  });

  it('the filter options name the merged values and cohorts, so the filter bar offers them as "Other"', async () => {
    const options = await listFilterOptions(project.conn, 5);
    expect(options.otherCohorts).toEqual(['2022 Spring', '2023 Pilot']);
    expect(options.attributes.find((a) => a.column === 'department')!.other).toEqual(['Facilities', 'Legal']);
    // The three pilot mentees are at levels IC4, M1 and M2, which had no mentee: one each is too
    // few, so those levels go to "Other" with IC1, the smallest level.
    expect(options.attributes.find((a) => a.column === 'job_level')!.other).toEqual(['IC1', 'IC4', 'M1', 'M2']);
    // With minGroupSize 10, 2023 Pilot is merged with 2022 Spring still, and Facilities and Legal (5 mentees together) with the smallest other department.
    expect((await listFilterOptions(project.conn, 10)).attributes.find((a) => a.column === 'department')!.other).toHaveLength(3);
  });

  it('a small cohort cannot be selected or left out on its own, by cohort or by start dates', async () => {
    // "2023 Pilot" (3 mentees) is merged with the smallest other cohort, 2022 Spring (140).
    const alone = await refused({ cohorts: ['2023 Pilot'] });
    expect(alone?.message).toBe(
      'Cohorts: the selection includes "2023 Pilot" but not "2022 Spring". A cohort with fewer than 5 participants or comparison people ("2023 Pilot": 3 participants) cannot be selected or left out on its own: such cohorts count only together, as "Other cohorts" (2022 Spring, 2023 Pilot). Include all of them or none, by cohort or by start dates.',
    );
    expect((await refused({ dateRange: { from: '2023-01-01' } }))?.message).toMatch(/^Cohorts: the selection includes "2023 Pilot" but not "2022 Spring"\./);
    expect((await refused({ dateRange: { to: '2023-05-31' } }))?.message).toMatch(/^Cohorts: the selection includes "2022 Spring" but not "2023 Pilot"\./);
    expect(await refused({ dateRange: { from: '2022-06-01', to: '2023-05-31' } })).toBeNull();
    expect(await refused({ cohorts: ['2022 Spring', '2023 Pilot'] })).toBeNull();
  });
});

describe('rule 2: what one filter removes, given the others, is none or at least minGroupSize', () => {
  let project: Project;
  beforeAll(async () => {
    project = await openSampleCopy();
    // Two mentees without a recorded job level.
    await project.conn.run(`UPDATE people SET job_level = NULL WHERE employee_id IN (SELECT employee_id FROM roster WHERE role = 'mentee' ORDER BY employee_id LIMIT 2)`);
  });
  afterAll(() => project.close());

  it('selecting every job level leaves out only the two without one: refused', async () => {
    const all = ['IC1', 'IC2', 'IC3', 'IC4', 'M1', 'M2'];
    await expect(analyze(project.conn, { filters: { job_level: all } })).rejects.toThrow(
      'Job level: given the other filters, this filter leaves out only 2 participants (fewer than 5 but more than none), so this analysis and the same one without it would differ by so few people that subtracting one from the other would reveal their ratings, survey scores and whether they stayed. Select more or fewer, or clear this filter.',
    );
    const r = await analyze(project.conn, { filters: { job_level: all.slice(1) } });
    expect(r.population.participants).toBe(450 - 2 - (await queryRows<{ n: number }>(project.conn, `SELECT count(DISTINCT employee_id)::INTEGER AS n FROM people WHERE job_level = 'IC1' AND employee_id IN (SELECT employee_id FROM roster WHERE role = 'mentee')`))[0]!.n);
  });
});

describe('rule 3: adding or leaving out one option, given the other filters, changes none or enough people', () => {
  let project: Project;
  beforeAll(async () => {
    project = await openSampleCopy();
  });
  afterAll(() => project.close());

  it('Sales at level IC3: the People department holds only 4 comparison people at that level', async () => {
    await expect(analyze(project.conn, { filters: { department: ['Sales'], job_level: ['IC3'] } })).rejects.toThrow(
      'Department: given the other filters, "People" holds only 4 comparison people (fewer than 5 but more than none), so this analysis and the same one with "People" added or left out would differ by so few people that subtracting one from the other would reveal their ratings, survey scores and whether they stayed. Clear one of the other filters, or this one.',
    );
    // Those four: never in the roster, People at IC3, employed at one of the three cohort starts.
    const [n] = await queryRows<{ n: number }>(
      project.conn,
      `SELECT count(DISTINCT p.employee_id)::INTEGER AS n FROM people p, (VALUES (DATE '2022-03-07'), (DATE '2022-09-12'), (DATE '2023-03-06')) s(d)
       WHERE p.department = 'People' AND p.job_level = 'IC3' AND p.employee_id NOT IN (SELECT employee_id FROM roster)
         AND p.hire_date <= s.d AND (p.termination_date IS NULL OR p.termination_date > s.d)`,
    );
    expect(n!.n).toBe(4);
    expect((await analyze(project.conn, { filters: { department: ['Sales'] } })).population).toMatchObject({ participants: 111 });
  });

  it('an unfiltered analysis is never refused', async () => {
    expect((await analyze(project.conn, {})).population).toMatchObject({ participants: 450, comparison: 842 });
  });
});

describe('filters and segments take only stored people attributes', () => {
  let project: Project;
  beforeAll(async () => {
    project = await openSampleCopy();
  });
  afterAll(() => project.close());

  it.each(['source_line', 'import_id', 'employee_id', 'hire_date', 'termination_date', 'manager_id'])('filter on %s is refused', async (column) => {
    await expect(analyze(project.conn, { filters: { [column]: ['17'] } })).rejects.toMatchObject({
      code: 'bad_filter',
      message: `Cannot filter on "${column}": it is not an attribute of the imported people (filters take the people's own attributes, such as department, never identifiers, dates or the import's own columns)`,
    });
  });

  it.each(['source_line', 'import_id', 'employee_id', 'hire_date'])('segments by %s are refused', async (column) => {
    await expect(analyze(project.conn, { segmentBy: [column] })).rejects.toMatchObject({ code: 'bad_segment', message: `Cannot break results down by "${column}": it is not an attribute of the imported people` });
  });
});
