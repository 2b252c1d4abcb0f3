/**
 * Seeded generator of the demo exports (HRIS, mentoring roster, engagement survey,
 * performance reviews) and of planted-effects.json, the truth they were drawn from.
 *
 *   npm run sample-data        (writes into sample-data/)
 *
 * The output is byte-identical on every run; test/sample-data.test.ts checks that the
 * committed files match.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isoDate, usDate } from './dates';
import {
  AS_OF,
  EFFECT_ONSET_DAYS,
  PERFORMANCE_LATENT_EFFECT,
  RETENTION_HAZARD_RATIO,
  SEED,
  SELECTION_LOG_PER_ABILITY,
  SELECTION_LOG_PER_ENGAGEMENT,
  SURVEY_ITEMS,
  SURVEY_LATENT_EFFECT,
  SURVEY_WAVES,
  REVIEW_YEARS,
} from './model';
import { OrgChart } from './org';
import { generateReviews } from './performance';
import { enrolCohorts } from './program';
import { createRandom, deriveSeed } from './random';
import { generateSurvey } from './survey';
import { assignTerminationTypes, buildWorkforce } from './workforce';

export const SAMPLE_FILES = {
  hris: 'hris_export.csv',
  roster: 'program_roster.csv',
  survey: 'engagement_survey.csv',
  performance: 'performance_reviews.csv',
  planted: 'planted-effects.json',
} as const;

export const HEADERS = {
  hris: 'Employee ID,Hire Date,Termination Date,Termination Type,Department,Job Level,Location,Manager ID',
  roster: 'Employee ID,Role,Cohort,Start Date,End Date,Mentor ID,Status',
  survey: 'Response ID,Employee ID,Submitted At,Question,Score',
  performance: 'Employee ID,Review Period,Review Date,Overall Rating,Reviewer ID',
} as const;

export interface SampleDataSummary {
  files: Record<keyof typeof SAMPLE_FILES, string>;
  rows: { hris: number; roster: number; survey: number; performance: number };
  surveyResponses: number;
}

function csvCell(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csv(header: string, rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return [header, ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Generates every sample file into `outDir` (created if missing). */
export function generateSampleData(outDir: string): SampleDataSummary {
  const people = buildWorkforce(createRandom(deriveSeed(SEED, 'workforce')));
  const program = enrolCohorts(people, createRandom(deriveSeed(SEED, 'program')));
  assignTerminationTypes(people, createRandom(deriveSeed(SEED, 'termination')));
  const org = new OrgChart(people);
  org.assignManagers(people, createRandom(deriveSeed(SEED, 'managers')));
  const survey = generateSurvey(people, createRandom(deriveSeed(SEED, 'survey')));
  const reviews = generateReviews(people, org, createRandom(deriveSeed(SEED, 'reviews')));

  const hrisRows = people.map((p) => [
    p.id,
    isoDate(p.hire),
    p.termination === null ? '' : isoDate(p.termination),
    p.terminationType,
    p.department,
    p.level,
    p.location,
    p.managerId,
  ]);
  const rosterRows = program.rows.map((r) => [
    r.person.id,
    r.role,
    r.cohort,
    isoDate(r.start),
    isoDate(r.end),
    r.mentorId,
    r.status,
  ]);
  const surveyRows = survey.rows.map((r) => [r.responseId, r.employeeId, r.submittedAt, r.question, r.score]);
  const reviewRows = reviews.rows.map((r) => [r.employeeId, r.period, usDate(r.reviewDate), r.rating, r.reviewerId]);

  const planted = {
    asOfDate: isoDate(AS_OF),
    seed: SEED,
    effectOnsetDays: EFFECT_ONSET_DAYS,
    selection: {
      description:
        'People chose to join: the odds of joining rise with latent engagement and a little with ability, so participants start out more engaged than the comparison group.',
      logOddsPerEngagementPoint: SELECTION_LOG_PER_ENGAGEMENT,
      logOddsPerAbilityPoint: SELECTION_LOG_PER_ABILITY,
    },
    retention: {
      hazardRatio: RETENTION_HAZARD_RATIO,
      description: `Mentees' daily hazard of leaving is multiplied by ${RETENTION_HAZARD_RATIO} from ${EFFECT_ONSET_DAYS} days after their start date.`,
    },
    survey: {
      latentEffect: SURVEY_LATENT_EFFECT,
      effect: round3(survey.realizedShift),
      effectMeaning:
        'effect = realized mean shift of the response score (mean of the 8 items, ENG6 reverse-coded) over mentees\' post-onset responses, after rounding and clipping to 1..5',
      scale: { min: 1, max: 5 },
      items: SURVEY_ITEMS.map((i) => i.code),
      reverseItems: SURVEY_ITEMS.filter((i) => i.reversed).map((i) => i.code),
      waves: SURVEY_WAVES.map(isoDate),
    },
    performance: {
      latentEffect: PERFORMANCE_LATENT_EFFECT,
      effect: round3(reviews.realizedShift),
      effectMeaning:
        "effect = realized mean shift of the 1..5 rating over mentees' post-onset reviews, after rounding and clipping",
      periods: REVIEW_YEARS.map((y) => `FY${y}`),
    },
    cohorts: program.cohorts.map((c) => ({
      cohort: c.cohort,
      startDate: isoDate(c.startDate),
      mentees: c.mentees,
      mentors: c.mentors,
      withdrawn: c.withdrawn,
    })),
    notes:
      'All data are synthetic. Effects are planted in a latent model (engagement, ability, attrition hazard) and act only from effectOnsetDays after a mentee\'s start date; withdrawn mentees get the effect too (intent to treat). Because participants self-select on engagement, their levels are higher before the program as well: compare changes (difference-in-differences), not levels. Analyse the survey with reverseItems ["ENG6"].',
  };

  mkdirSync(outDir, { recursive: true });
  const files = Object.fromEntries(
    Object.entries(SAMPLE_FILES).map(([k, name]) => [k, path.join(outDir, name)]),
  ) as Record<keyof typeof SAMPLE_FILES, string>;
  writeFileSync(files.hris, csv(HEADERS.hris, hrisRows));
  writeFileSync(files.roster, csv(HEADERS.roster, rosterRows));
  writeFileSync(files.survey, csv(HEADERS.survey, surveyRows));
  writeFileSync(files.performance, csv(HEADERS.performance, reviewRows));
  writeFileSync(files.planted, JSON.stringify(planted, null, 2) + '\n');

  return {
    files,
    rows: { hris: hrisRows.length, roster: rosterRows.length, survey: surveyRows.length, performance: reviewRows.length },
    surveyResponses: survey.responses,
  };
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  const outDir = path.dirname(fileURLToPath(import.meta.url));
  const summary = generateSampleData(outDir);
  console.log(`Wrote sample data to ${outDir}`);
  for (const [kind, n] of Object.entries(summary.rows)) console.log(`  ${kind}: ${n} rows`);
  console.log(`  survey responses: ${summary.surveyResponses}`);
}
