/**
 * The rules that tie analysis settings to each other, with the defaults standing in for
 * what a partial config leaves out. The API schema (shared/api.ts) applies them, so the
 * Settings page, the CLI's --config and every API call refuse the same configs with the
 * same words. Kept free of zod: the renderer imports it, and zod probes `new Function`,
 * which the app's CSP reports as a violation.
 */
import { DEFAULT_ANALYSIS_CONFIG } from './analysis';
import type { SurveyScale } from './analysis';

export interface RelatedSettings {
  postStartDays?: number;
  postEndDays?: number;
  survey?: Partial<SurveyScale>;
}

export function configProblems(c: RelatedSettings): { path: string[]; message: string }[] {
  const d = DEFAULT_ANALYSIS_CONFIG;
  const out: { path: string[]; message: string }[] = [];
  if ((c.postEndDays ?? d.postEndDays) <= (c.postStartDays ?? d.postStartDays)) out.push({ path: ['postEndDays'], message: 'After window: the end must come after the start.' });
  if ((c.survey?.scaleMax ?? d.survey.scaleMax) <= (c.survey?.scaleMin ?? d.survey.scaleMin)) out.push({ path: ['survey', 'scaleMax'], message: 'Survey scale: the highest answer must be above the lowest.' });
  return out;
}
