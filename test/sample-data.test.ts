import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS, SAMPLE_FILES, generateSampleData } from '../sample-data/generate';

const committedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sample-data');
const AS_OF = '2025-09-30';
const ID = /^\d{6}$/;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

let outDir = '';
beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'mentor-impact-sample-'));
  generateSampleData(outDir);
});
afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** The generated files hold no quoted cells, so a plain split is an exact parse. */
function readCsv(file: string): { header: string; rows: string[][] } {
  const text = readFileSync(path.join(committedDir, file), 'utf8');
  expect(text).not.toContain('"');
  expect(text.endsWith('\n')).toBe(true);
  const [header = '', ...lines] = text.slice(0, -1).split('\n');
  return { header, rows: lines.map((l) => l.split(',')) };
}

function usToIso(us: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(us);
  if (!m) throw new Error(`not a US date: ${us}`);
  return `${m[3]}-${m[1]}-${m[2]}`;
}

describe('sample data', () => {
  it('regenerates byte-identical to the committed files', () => {
    for (const file of Object.values(SAMPLE_FILES)) {
      const fresh = readFileSync(path.join(outDir, file));
      const committed = readFileSync(path.join(committedDir, file));
      expect(fresh.equals(committed), `${file} differs from a fresh run of sample-data/generate.ts`).toBe(true);
    }
  });

  it('has the exact headers of each export', () => {
    expect(readCsv(SAMPLE_FILES.hris).header).toBe(
      'Employee ID,Hire Date,Termination Date,Termination Type,Department,Job Level,Location,Manager ID',
    );
    expect(readCsv(SAMPLE_FILES.roster).header).toBe('Employee ID,Role,Cohort,Start Date,End Date,Mentor ID,Status');
    expect(readCsv(SAMPLE_FILES.survey).header).toBe('Response ID,Employee ID,Submitted At,Question,Score');
    expect(readCsv(SAMPLE_FILES.performance).header).toBe(
      'Employee ID,Review Period,Review Date,Overall Rating,Reviewer ID',
    );
    expect(HEADERS.hris).toBe(readCsv(SAMPLE_FILES.hris).header);
  });

  it('keeps IDs as 6-digit strings (with leading zeros) and dates within the as-of date', () => {
    // Checked row by row into one list of problems: 70,000 expect() calls would be slow.
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && problems.length < 20) problems.push(what);
    };

    const hris = readCsv(SAMPLE_FILES.hris).rows;
    const ids = new Set(hris.map((r) => r[0]!));
    expect(hris.length).toBeGreaterThan(2500);
    expect(ids.size).toBe(hris.length);
    expect([...ids].filter((id) => id.startsWith('0')).length).toBe(ids.size);
    for (const [id = '', hire = '', term = '', type = '', , , , manager = ''] of hris) {
      check(ID.test(id), `HRIS id ${id}`);
      check(ISO.test(hire) && hire <= AS_OF, `hire date ${hire} of ${id}`);
      if (term) {
        check(ISO.test(term) && term > hire && term <= AS_OF, `termination ${term} of ${id}`);
        check(type === 'Voluntary' || type === 'Involuntary', `termination type ${type} of ${id}`);
      } else {
        check(type === '', `termination type without a date for ${id}`);
      }
      if (manager) check(ids.has(manager) && manager !== id, `manager ${manager} of ${id}`);
    }

    for (const [id = '', , , start = '', end = '', mentor = ''] of readCsv(SAMPLE_FILES.roster).rows) {
      check(ids.has(id), `roster id ${id}`);
      check(ISO.test(start) && ISO.test(end) && start <= end && end <= AS_OF, `roster dates ${start}..${end} of ${id}`);
      if (mentor) check(ids.has(mentor), `mentor ${mentor}`);
    }
    for (const [responseId = '', id = '', at = '', question = '', score = ''] of readCsv(SAMPLE_FILES.survey).rows) {
      check(/^R_\d{6}$/.test(responseId), `response id ${responseId}`);
      check(ids.has(id), `survey id ${id}`);
      check(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(at) && at.slice(0, 10) <= AS_OF, `submitted at ${at}`);
      check(/^ENG[1-8]$/.test(question), `question ${question}`);
      check(/^[1-5]$/.test(score), `score ${score}`);
    }
    for (const [id = '', period = '', date = '', rating = '', reviewer = ''] of readCsv(SAMPLE_FILES.performance).rows) {
      const iso = usToIso(date);
      check(ids.has(id) && ids.has(reviewer) && id !== reviewer, `review of ${id} by ${reviewer}`);
      check(iso <= AS_OF && period === `FY${iso.slice(0, 4)}`, `review ${period} on ${date}`);
      check(/^[1-5]$/.test(rating), `rating ${rating}`);
    }
    expect(problems).toEqual([]);
  });

  it('has a coherent program roster: mentees employed at their start, one cohort each, never also mentors', () => {
    const people = new Map(readCsv(SAMPLE_FILES.hris).rows.map((r) => [r[0]!, { hire: r[1]!, term: r[2]! }]));
    const roster = readCsv(SAMPLE_FILES.roster).rows;
    const mentees = roster.filter((r) => r[1] === 'Mentee');
    const mentors = new Set(roster.filter((r) => r[1] === 'Mentor').map((r) => r[0]));
    const cohortMentors = new Set(roster.filter((r) => r[1] === 'Mentor').map((r) => `${r[2]}|${r[0]}`));
    expect(new Set(mentees.map((r) => r[0])).size).toBe(mentees.length);

    for (const [id, , cohort, start, , mentor, status] of mentees) {
      const p = people.get(id!);
      expect(p, `mentee ${id} is in the HRIS export`).toBeDefined();
      expect(p!.hire <= start! && (p!.term === '' || p!.term > start!), `mentee ${id} employed at ${start}`).toBe(true);
      expect(mentors.has(id)).toBe(false);
      expect(cohortMentors.has(`${cohort}|${mentor}`)).toBe(true);
      expect(['Completed', 'Withdrawn']).toContain(status);
    }

    const cohorts = JSON.parse(readFileSync(path.join(committedDir, SAMPLE_FILES.planted), 'utf8')) as {
      asOfDate: string;
      cohorts: Array<{ cohort: string; startDate: string; mentees: number }>;
    };
    expect(cohorts.asOfDate).toBe(AS_OF);
    for (const c of cohorts.cohorts) {
      const starts = mentees.filter((r) => r[2] === c.cohort).map((r) => r[3]!);
      expect(starts.length).toBe(c.mentees);
      expect(starts.reduce((a, b) => (a < b ? a : b))).toBe(c.startDate);
    }
  });
});
