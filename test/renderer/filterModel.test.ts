import { describe, expect, it } from 'vitest';
import {
  analysisConfig,
  attributeLabel,
  candidateAttributes,
  choiceGroups,
  describeSelection,
  filterOptionsFromList,
  describeRange,
  isFiltered,
  rangeProblem,
  selectionFrom,
  selectionKey,
  settingsWith,
  toggleChoice,
  toggleValue,
} from '../../renderer/src/analysis/filterModel';

describe('filter model', () => {
  it('offers people attributes, not identifiers, dates or bookkeeping columns', () => {
    const columns = ['employee_id', 'hire_date', 'termination_date', 'termination_type', 'department', 'job_level', 'location', 'manager_id', 'work_email', 'full_name', 'import_id', 'source_line', 'grade'];
    expect(candidateAttributes(columns)).toEqual(['department', 'job_level', 'location', 'grade']);
    expect(attributeLabel('job_level')).toBe('Job level');
    expect(attributeLabel('Cost Center')).toBe('Cost center');
  });

  it('takes cohorts and sorted values from listFilterOptions; per-person columns, one value or too many is no filter', () => {
    const cohorts = [{ cohort: '2022 Spring', startDate: '2022-03-07', participants: 10 }];
    const many = Array.from({ length: 200 }, (_, i) => `v${i}`);
    const options = filterOptionsFromList({
      cohorts,
      otherCohorts: [],
      attributes: [
        { column: 'department', values: ['Sales', 'Engineering'], distinct: 2, other: [] },
        { column: 'location', values: ['Berlin'], distinct: 1, other: [] },
        { column: 'grade', values: many, distinct: 250, other: [] },
        { column: 'work_email', values: ['a@x', 'b@x'], distinct: 2, other: [] },
      ],
    });
    expect(options.cohorts).toEqual(cohorts);
    expect(options.attributes).toEqual([{ column: 'department', label: 'Department', values: ['Engineering', 'Sales'], other: [] }]);
  });

  it('reads the saved selection and writes it back with every other setting kept', () => {
    const saved = { survey: { scaleMin: 1, scaleMax: 5, reverseItems: ['ENG6'] }, cohorts: ['2022 Fall'], filters: { department: ['Sales'], location: [] } };
    const sel = selectionFrom(saved);
    expect(sel).toEqual({ cohorts: ['2022 Fall'], filters: { department: ['Sales'] }, dateRange: {} });
    expect(isFiltered(sel)).toBe(true);
    expect(isFiltered({ cohorts: [], filters: { department: [] } })).toBe(false);
    const next = { cohorts: [], filters: { department: [], job_level: ['M2'] } };
    // No range travels as {}: the engine lays a request over the saved settings.
    expect(settingsWith({ ...saved, dateRange: { from: '2022-01-01' } }, next)).toEqual({ survey: saved.survey, cohorts: [], filters: { job_level: ['M2'] }, dateRange: {} });
    expect(analysisConfig({ ...saved, segmentBy: ['region'] }, next, ['department', 'job_level'])).toEqual({
      survey: saved.survey,
      cohorts: [],
      filters: { job_level: ['M2'] },
      dateRange: {},
      segmentBy: ['department', 'job_level', 'region'],
    });
  });

  it('reads, writes and checks the date range', () => {
    const sel = selectionFrom({ dateRange: { from: '2022-06-01', to: '' } as never });
    expect(sel).toEqual({ cohorts: [], filters: {}, dateRange: { from: '2022-06-01' } });
    expect(isFiltered(sel)).toBe(true);
    expect(isFiltered({ cohorts: [], filters: {}, dateRange: {} })).toBe(false);
    expect(settingsWith({}, { ...sel, dateRange: { from: '2022-06-01', to: '2023-12-31' } }).dateRange).toEqual({ from: '2022-06-01', to: '2023-12-31' });
    expect(rangeProblem({ from: '2023-01-02', to: '2023-01-01' })).toBe('“From” is after “to”.');
    expect(rangeProblem({ from: '2023-01-01', to: '2023-01-01' })).toBeNull();
    expect(rangeProblem({ to: '2023-01-01' })).toBeNull();
    expect(describeRange({})).toBeNull();
    expect(describeRange({ to: '2022-12-31' })).toBe('Start dates: until 2022-12-31');
  });

  it('keys equal selections alike, whatever the order', () => {
    expect(selectionKey({ cohorts: ['b', 'a'], filters: { x: ['2', '1'], y: [] } })).toBe(selectionKey({ cohorts: ['a', 'b'], filters: { x: ['1', '2'] } }));
    expect(selectionKey({ cohorts: ['a'], filters: {} })).not.toBe(selectionKey({ cohorts: [], filters: {} }));
    expect(selectionKey({ cohorts: [], filters: {}, dateRange: { from: '2022-01-01' } })).not.toBe(selectionKey({ cohorts: [], filters: {}, dateRange: { to: '2022-01-01' } }));
    expect(selectionKey({ cohorts: [], filters: {}, dateRange: {} })).toBe(selectionKey({ cohorts: [], filters: {} }));
    expect(toggleValue(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggleValue(['b'], 'a')).toEqual(['b', 'a']);
  });

  it('offers the small values and cohorts together, as one "Other" choice', () => {
    const options = filterOptionsFromList({
      cohorts: [
        { cohort: '2022 Spring', startDate: '2022-03-07', participants: 140 },
        { cohort: '2023 Pilot', startDate: '2023-06-05', participants: 3 },
        { cohort: '2023 Spring', startDate: '2023-03-06', participants: 160 },
      ],
      otherCohorts: ['2022 Spring', '2023 Pilot'],
      attributes: [{ column: 'department', values: ['Facilities', 'Legal', 'Sales', 'Engineering'], distinct: 4, other: ['Facilities', 'Legal'] }],
    });
    expect(choiceGroups(options.attributes[0]!.values, options.attributes[0]!.other, 'Other')).toEqual([
      { value: 'Engineering', label: 'Engineering', values: ['Engineering'] },
      { value: 'Sales', label: 'Sales', values: ['Sales'] },
      { value: 'Facilities', label: 'Other (Facilities, Legal)', values: ['Facilities', 'Legal'] },
    ]);
    expect(choiceGroups(options.cohorts.map((c) => c.cohort), options.otherCohorts, 'Other cohorts').map((c) => c.label)).toEqual(['2023 Spring', 'Other cohorts (2022 Spring, 2023 Pilot)']);
    expect(toggleChoice(['Sales'], ['Facilities', 'Legal'])).toEqual(['Sales', 'Facilities', 'Legal']);
    expect(toggleChoice(['Sales', 'Facilities', 'Legal'], ['Facilities', 'Legal'])).toEqual(['Sales']);
  });

  it('describes a selection in words, cohorts in start order', () => {
    const options = filterOptionsFromList({
      cohorts: [
        { cohort: '2022 Spring', startDate: '2022-03-07', participants: 10 },
        { cohort: '2022 Fall', startDate: '2022-09-12', participants: 20 },
      ],
      otherCohorts: [],
      attributes: [{ column: 'department', values: ['Sales', 'Engineering'], distinct: 2, other: [] }],
    });
    expect(describeSelection({ cohorts: [], filters: {} }, options)).toBe('All cohorts, everyone');
    expect(describeSelection({ cohorts: ['2022 Fall', '2022 Spring'], filters: { department: ['Sales', 'Engineering'] } }, options)).toBe(
      'Cohorts: 2022 Spring, 2022 Fall · Department: Engineering, Sales',
    );
    expect(describeSelection({ cohorts: ['2022 Fall'], filters: { department: ['Sales'] }, dateRange: { from: '2022-06-01', to: '2023-12-31' } }, options)).toBe(
      'Cohort: 2022 Fall · Start dates: 2022-06-01 to 2023-12-31 · Department: Sales',
    );
    expect(describeSelection({ cohorts: [], filters: {}, dateRange: { from: '2022-06-01' } }, options)).toBe('Start dates: from 2022-06-01');
  });
});
