/** The engagement survey: semiannual waves, 8 Likert items, ENG6 negatively worded. */
import { isoDate, type Day } from './dates';
import {
  EFFECT_ONSET_DAYS,
  SURVEY_BASE,
  SURVEY_ITEMS,
  SURVEY_ITEM_SD,
  SURVEY_OCCASION_SD,
  SURVEY_RESPONSE_LOG_PER_ENGAGEMENT,
  SURVEY_RESPONSE_RATE,
  SURVEY_SKIP_RATE,
  SURVEY_LATENT_EFFECT,
  SURVEY_TREND_PER_YEAR,
  SURVEY_WAVES,
  SURVEY_WINDOW_DAYS,
  likert,
} from './model';
import type { Random } from './random';
import { isEmployed, type Person } from './workforce';

export interface SurveyRow {
  responseId: string;
  employeeId: string;
  submittedAt: string;
  question: string;
  score: number;
}

export interface SurveyResult {
  rows: SurveyRow[];
  responses: number;
  /** Mean over mentees' post-onset responses of (observed − counterfactual) response score, ENG6 flipped. */
  realizedShift: number;
}

const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 0, 1, 6, 10, 10, 8, 5, 7, 9, 8, 6, 4, 2, 1, 1, 1, 0, 0];
const HOURS = HOUR_WEIGHTS.map((_, h) => h);

function timestamp(d: Day, rng: Random): string {
  const hour = rng.weighted(HOURS, HOUR_WEIGHTS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${isoDate(d)} ${pad(hour)}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
}

export function generateSurvey(people: readonly Person[], rng: Random): SurveyResult {
  const rows: SurveyRow[] = [];
  let responseNumber = 0;
  let shiftSum = 0;
  let shiftN = 0;
  const logitBase = Math.log(SURVEY_RESPONSE_RATE / (1 - SURVEY_RESPONSE_RATE));

  for (const wave of SURVEY_WAVES) {
    const waveResponses: Array<{ person: Person; at: string; items: Array<{ code: string; score: number }> }> = [];
    for (const p of people) {
      if (!isEmployed(p, wave)) continue;
      const logit = logitBase + SURVEY_RESPONSE_LOG_PER_ENGAGEMENT * p.engagement;
      if (!rng.chance(1 / (1 + Math.exp(-logit)))) continue;
      const submitted = wave + Math.min(SURVEY_WINDOW_DAYS - 1, Math.floor(rng.exponential() * 3.5));
      if (!isEmployed(p, submitted)) continue;

      const effectOn = p.menteeStart !== null && submitted >= p.menteeStart + EFFECT_ONSET_DAYS;
      const effect = effectOn ? SURVEY_LATENT_EFFECT : 0;
      const years = (submitted - SURVEY_WAVES[0]!) / 365.25;
      const latent = SURVEY_BASE + p.engagement + SURVEY_TREND_PER_YEAR * years + rng.normal(0, SURVEY_OCCASION_SD);

      const items: Array<{ code: string; score: number }> = [];
      let observed = 0;
      let counterfactual = 0;
      for (const item of SURVEY_ITEMS) {
        const x = latent + item.bias + rng.normal(0, SURVEY_ITEM_SD);
        const skipped = rng.chance(SURVEY_SKIP_RATE);
        // A negatively worded item: the happier the person, the lower the score.
        const score = item.reversed ? likert(6 - (x + effect)) : likert(x + effect);
        const cf = item.reversed ? likert(6 - x) : likert(x);
        observed += item.reversed ? 6 - score : score;
        counterfactual += item.reversed ? 6 - cf : cf;
        if (!skipped) items.push({ code: item.code, score });
      }
      if (effectOn) {
        shiftSum += (observed - counterfactual) / SURVEY_ITEMS.length;
        shiftN++;
      }
      if (items.length === 0) continue;
      waveResponses.push({ person: p, at: timestamp(submitted, rng), items });
    }
    waveResponses.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.person.id.localeCompare(b.person.id)));
    for (const r of waveResponses) {
      responseNumber++;
      const responseId = `R_${String(responseNumber).padStart(6, '0')}`;
      for (const item of r.items) {
        rows.push({ responseId, employeeId: r.person.id, submittedAt: r.at, question: item.code, score: item.score });
      }
    }
  }
  return { rows, responses: responseNumber, realizedShift: shiftN > 0 ? shiftSum / shiftN : 0 };
}
