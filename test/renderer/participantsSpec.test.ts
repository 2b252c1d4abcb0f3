import { describe, expect, it } from 'vitest';
import { chartCsv } from '../../shared/charts/csv';
import { chartData } from '../../shared/charts/table';
import { DARK_PALETTE, LIGHT_PALETTE } from '../../shared/charts/theme';
import { buildParticipantsSpec } from '../../renderer/src/charts/participantsSpec';
import { renderClean } from '../shared/charts/render';

const cohorts = [
  { cohort: '2022 Spring', startDate: '2022-03-07', participants: 140 },
  { cohort: '2022 Fall', startDate: '2022-09-12', participants: 150 },
  { cohort: '2023 Pilot', startDate: '2023-01-09', participants: 3 },
];

describe('buildParticipantsSpec', () => {
  it('draws participants and comparison group per cohort in the group colours, labelled with their sizes', async () => {
    const spec = buildParticipantsSpec({ cohorts, comparisonByCohort: { '2022 Spring': 639, '2022 Fall': 654, '2023 Pilot': 700 } });
    const r = await renderClean(spec);
    expect(r.texts).toEqual(expect.arrayContaining(['Who is compared, by cohort', '2022 Spring', '140', '639', '150', '654', 'Participants', 'Comparison group']));
    expect(r.svg).toContain(LIGHT_PALETTE.participants);
    expect(r.svg).toContain(LIGHT_PALETTE.comparison);
  });

  it('a cohort below minGroupSize reads "fewer than 5", never a bar, in the chart, its table and its CSV', async () => {
    const spec = buildParticipantsSpec({ cohorts }, { minGroupSize: 5 });
    const r = await renderClean(spec);
    expect(r.texts).toContain('fewer than 5');
    expect(r.texts).not.toContain('3');
    expect(chartData(spec).rows[2]).toEqual({ cohort: '2023 Pilot', startDate: '2023-01-09', participants: 'fewer than 5' });
    expect(chartCsv(spec)).toBe('Cohort,Start date,Participants\r\n2022 Spring,2022-03-07,140\r\n2022 Fall,2022-09-12,150\r\n2023 Pilot,2023-01-09,fewer than 5\r\n');
  });

  it('no cohort: a message, not an error; dark theme uses the dark palette', async () => {
    const empty = await renderClean(buildParticipantsSpec({ cohorts: [] }));
    expect(empty.all).toContain('No cohort yet');
    const dark = await renderClean(buildParticipantsSpec({ cohorts }, { theme: 'dark' }));
    expect(dark.svg).toContain(DARK_PALETTE.participants);
  });
});
