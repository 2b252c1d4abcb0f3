import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig, LikertDistribution, LikertItem, LikertLevel, Paired } from '../../../shared/analysis';
import { holmAdjust } from '../stats/holmAdjust';
import { DAILY_SURVEY, SURVEY_AGG } from './measurements';
import { GROUPS, PARTICIPANTS } from './population';
import { PAIRED_KEYS, pairedResult, suppressed } from './results';
import { describeLikertItem, describePaired } from './words';

/** Scales with more levels than this get no per-level counts (only n, mean, top-2-box). */
const MAX_LEVELS = 101;

interface Tally {
  /** raw score → answers */
  byScore: Map<number, number>;
  people: Set<string> | number;
}

function distribution(t: Tally | undefined, config: AnalysisConfig, reversed: boolean): LikertDistribution {
  const m = config.minGroupSize;
  const people = t ? (typeof t.people === 'number' ? t.people : t.people.size) : 0;
  if (!t || people < m) {
    return { suppressed: true, reason: `fewer than ${m} people answered`, n: null, people: null, levels: null, mean: null, top2Box: null };
  }
  const { scaleMin, scaleMax } = config.survey;
  const recode = (s: number) => (reversed ? scaleMin + scaleMax - s : s);
  let n = 0;
  let sum = 0;
  let top = 0;
  for (const [score, count] of t.byScore) {
    n += count;
    sum += recode(score) * count;
    if (recode(score) >= scaleMax - 1) top += count;
  }
  let levels: LikertLevel[] | null = null;
  const lo = Math.ceil(scaleMin);
  const hi = Math.floor(scaleMax);
  if (hi >= lo && hi - lo < MAX_LEVELS) {
    levels = [];
    for (let level = lo; level <= hi; level++) {
      const count = t.byScore.get(level) ?? 0;
      levels.push({ level, count, share: count / n });
    }
  }
  return { n, people, levels, mean: sum / n, top2Box: top / n };
}

/** Natural order for item names (ENG2 before ENG10). */
const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);

/** Every answer of the analysed people: item → raw score → count; items in natural name order. */
export interface LikertAnswers {
  items: string[];
  byItem: Map<string, Map<number, number>>;
}

/** The survey's items, in natural name order (reading one dictionary-encoded column is cheap). */
export async function surveyItems(conn: DuckDBConnection): Promise<string[]> {
  const cols = (await conn.runAndReadAll('SELECT DISTINCT item FROM survey_responses')).getColumnsJS();
  return ((cols[0] ?? []) as string[]).map(String).sort(natural);
}

/** The answer counts per (item, score) from the survey pass of prepareDailyValues. */
export async function likertAnswers(conn: DuckDBConnection, items: string[]): Promise<LikertAnswers> {
  const cols = (await conn.runAndReadAll(`SELECT item, score, n FROM ${SURVEY_AGG} WHERE NOT is_response`)).getColumnsJS() as [string[], number[], number[]];
  const byItem = new Map<string, Map<number, number>>();
  cols[0].forEach((item, i) => {
    const m = byItem.get(item) ?? new Map<number, number>();
    byItem.set(item, m);
    m.set(Number(cols[1][i]), Number(cols[2][i]));
  });
  return { items: items.filter((it) => byItem.has(it)), byItem };
}

/** People per item among the analysed people: from the daily item masks when there are any, else counted. */
async function peoplePerItem(conn: DuckDBConnection, items: string[] | null): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (items) {
    const cols = (
      await conn.runAndReadAll(`
        SELECT b::INTEGER, count(*)::INTEGER FROM (SELECT bit_or(items) AS m FROM ${DAILY_SURVEY} GROUP BY pid), range(${items.length}) t(b)
        WHERE (m >> b::INTEGER) & 1 = 1 GROUP BY b`)
    ).getColumnsJS();
    (cols[0] ?? []).forEach((b, i) => out.set(items[Number(b)]!, Number(cols[1]![i])));
  } else {
    const cols = (
      await conn.runAndReadAll(`
        SELECT item, count(DISTINCT employee_id)::INTEGER FROM survey_responses
        WHERE employee_id IN (SELECT employee_id FROM ${GROUPS}) GROUP BY item`)
    ).getColumnsJS();
    (cols[0] ?? []).forEach((item, i) => out.set(String(item), Number(cols[1]![i])));
  }
  return out;
}

/**
 * Item-level survey results (DESIGN §3 "Likert items"; issue #4), over the people of the
 * headline groups, items in natural name order (ENG2 before ENG10). `answers` from
 * likertAnswers; `maskItems` = the items of the daily survey table's bit masks, or null
 * when it has none (then people per item are counted in SQL).
 */
export async function likertItems(conn: DuckDBConnection, config: AnalysisConfig, answers: LikertAnswers, maskItems: string[] | null): Promise<LikertItem[]> {
  const m = config.minGroupSize;
  const { scaleMin, scaleMax } = config.survey;
  const reversedSet = new Set(config.survey.reverseItems);
  const people = await peoplePerItem(conn, maskItems);
  const allTally = new Map<string, Tally>(answers.items.map((item) => [item, { byScore: answers.byItem.get(item)!, people: people.get(item) ?? 0 }]));

  // 2. Participants' answers on the chosen day before and after their start, per item.
  const chosen = (
    await conn.runAndReadAll(`
      WITH r AS (
        SELECT s.employee_id, s.item, s.response_date AS d, s.score, g.index_date
        FROM survey_responses s JOIN ${GROUPS} g ON g.employee_id = s.employee_id AND g.grp = ${PARTICIPANTS}),
      w AS (
        SELECT employee_id, item,
          max(d) FILTER (WHERE d >= index_date - ${Number(config.preDays)} AND d < index_date) AS bd,
          min(d) FILTER (WHERE d >= index_date + ${Number(config.postStartDays)} AND d <= index_date + ${Number(config.postEndDays)}) AS ad
        FROM r GROUP BY ALL)
      SELECT r.item, r.employee_id, (r.d = w.ad) AS is_after, r.score
      FROM r JOIN w USING (employee_id, item)
      WHERE r.d = w.bd OR r.d = w.ad
      ORDER BY 1, 2, 3`)
  ).getColumnsJS();
  const [cItem, cEmp, cAfter, cScore] = chosen as [string[], string[], boolean[], number[]];
  const before = new Map<string, Tally>();
  const after = new Map<string, Tally>();
  /** item → employee → [sum, count] before and after (reverse-coded), for the daily means */
  const perPerson = new Map<string, Map<string, [number, number, number, number]>>();
  cItem.forEach((item, i) => {
    const isAfter = cAfter[i]!;
    const score = cScore[i]!;
    const emp = cEmp[i]!;
    const target = isAfter ? after : before;
    const tally = target.get(item) ?? { byScore: new Map<number, number>(), people: new Set<string>() };
    target.set(item, tally);
    tally.byScore.set(score, (tally.byScore.get(score) ?? 0) + 1);
    (tally.people as Set<string>).add(emp);
    const recoded = reversedSet.has(item) ? scaleMin + scaleMax - score : score;
    const pp = perPerson.get(item) ?? new Map<string, [number, number, number, number]>();
    perPerson.set(item, pp);
    const acc = pp.get(emp) ?? [0, 0, 0, 0];
    pp.set(emp, acc);
    if (isAfter) {
      acc[2] += recoded;
      acc[3] += 1;
    } else {
      acc[0] += recoded;
      acc[1] += 1;
    }
  });

  const items = answers.items;
  const results = items.map((item): LikertItem => {
    const reversed = reversedSet.has(item);
    const what = `score on ${item}`;
    const allD = distribution(allTally.get(item), config, reversed);
    if (allD.suppressed) {
      const reason = `fewer than ${m} people answered this item`;
      const gone: LikertDistribution = { suppressed: true, reason, n: null, people: null, levels: null, mean: null, top2Box: null };
      return {
        item,
        reversed,
        suppressed: true,
        reason,
        all: gone,
        before: gone,
        after: gone,
        beforeAfter: describePaired(suppressed<Paired>(PAIRED_KEYS, reason), what, config),
        pHolm: null,
      };
    }
    const b: number[] = [];
    const a: number[] = [];
    for (const [s0, c0, s1, c1] of (perPerson.get(item) ?? new Map()).values()) {
      if (c0 > 0 && c1 > 0) {
        b.push(s0 / c0);
        a.push(s1 / c1);
      }
    }
    return {
      item,
      reversed,
      all: allD,
      before: distribution(before.get(item), config, reversed),
      after: distribution(after.get(item), config, reversed),
      beforeAfter: pairedResult(b, a, config, what),
      pHolm: null,
    };
  });
  const adjusted = holmAdjust(results.map((r) => r.beforeAfter.p));
  return results.map((r, i) => describeLikertItem({ ...r, pHolm: adjusted[i] ?? null }, config));
}
