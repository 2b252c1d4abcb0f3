/** Annual performance reviews (15 December), rated 1–5 by the manager of the day. */
import { day, type Day } from './dates';
import {
  EFFECT_ONSET_DAYS,
  PERFORMANCE_BASE,
  PERFORMANCE_LATENT_EFFECT,
  PERFORMANCE_OCCASION_SD,
  PERFORMANCE_PER_ENGAGEMENT,
  PERFORMANCE_TREND_PER_YEAR,
  REVIEW_MIN_TENURE_DAYS,
  REVIEW_RATE,
  REVIEW_YEARS,
  likert,
} from './model';
import type { OrgChart } from './org';
import type { Random } from './random';
import { isEmployed, type Person } from './workforce';

export interface ReviewRow {
  employeeId: string;
  period: string;
  reviewDate: Day;
  rating: number;
  reviewerId: string;
}

export interface PerformanceResult {
  rows: ReviewRow[];
  /** Mean over mentees' post-onset reviews of (observed − counterfactual) rating. */
  realizedShift: number;
}

export function generateReviews(people: readonly Person[], org: OrgChart, rng: Random): PerformanceResult {
  const rows: ReviewRow[] = [];
  let shiftSum = 0;
  let shiftN = 0;
  for (const year of REVIEW_YEARS) {
    const reviewDate = day(year, 12, 15);
    for (const p of people) {
      if (p.role === 'ceo' || !isEmployed(p, reviewDate)) continue;
      if (reviewDate - p.hire < REVIEW_MIN_TENURE_DAYS || !rng.chance(REVIEW_RATE)) continue;
      const effectOn = p.menteeStart !== null && reviewDate >= p.menteeStart + EFFECT_ONSET_DAYS;
      const latent =
        PERFORMANCE_BASE +
        p.ability +
        PERFORMANCE_PER_ENGAGEMENT * p.engagement +
        PERFORMANCE_TREND_PER_YEAR * (year - REVIEW_YEARS[0]) +
        rng.normal(0, PERFORMANCE_OCCASION_SD);
      const rating = likert(latent + (effectOn ? PERFORMANCE_LATENT_EFFECT : 0));
      if (effectOn) {
        shiftSum += rating - likert(latent);
        shiftN++;
      }
      const reviewer = org.reviewer(p, reviewDate, rng);
      rows.push({ employeeId: p.id, period: `FY${year}`, reviewDate, rating, reviewerId: reviewer?.id ?? '' });
    }
  }
  return { rows, realizedShift: shiftN > 0 ? shiftSum / shiftN : 0 };
}
