import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig } from '../../../shared/analysis';
import { quoteLiteral } from '../db';
import { EPOCH, readNumeric } from './columns';
import { RESPONSE_TABLE, itemColumn, responseTableCurrent } from '../surveyByResponse';
import { recodedScoreSql, unitValues } from './measurements';
import type { UnitValues } from './measurements';
import { GROUPS, OWN_UNITS, PARTICIPANTS } from './population';
import type { PeopleModel } from './population';

/** Scales with more levels than this get no per-level counts (only n, mean, top-2-box). */
export const MAX_LEVELS = 101;
/** Most 64-bit answer masks per response (items × levels ≤ 248 answer cells). */
const MAX_MASKS = 4;

/** The answers of one item in one set: raw score → answers, raw score → distinct people, and the distinct people overall. */
export interface ItemTally {
  byScore: Map<number, number>;
  peopleByScore: Map<number, number>;
  people: number;
}

/** What the item-level (Likert) results need from the survey: aggregates only. */
export interface LikertInput {
  /** Every survey item, natural order; the arrays below are by position here. */
  items: string[];
  /** Per item: every answer of the analysed people (participants and comparison), any date; undefined = none. */
  all: (ItemTally | undefined)[];
  /**
   * Participants' answers on their chosen days per item: the latest day in the before
   * window and the earliest in the after window around their headline index on which
   * they answered the item (a day in both counts as after).
   */
  before: ItemTally[];
  after: ItemTally[];
  /** Per item, participants with both: the (reverse-coded) mean of their answers on each chosen day, in person order. */
  pairs: { before: Float64Array; after: Float64Array }[];
}

export interface SurveyData {
  values: UnitValues;
  likert: LikertInput;
  /** How the Likert counts were taken (tests check both give the same results). */
  path: 'packed' | 'generic';
}

/** Options for tests: force the generic Likert counts; group the answers even when RESPONSE_TABLE is current. */
export interface SurveyReadOptions {
  generic?: boolean;
  byAnswers?: boolean;
}

/** One row per survey response of an analysed person: (pid, grp, day, n answers, total of reverse-coded scores[, answer masks m0 …]). */
const RESPONSES = '__mi_responses';
/** Participants' answers on their chosen before/after day per item: (pid, item position, score, after). */
const CHOSEN = '__mi_likert';
export const SURVEY_TEMP_TABLES = [RESPONSES, CHOSEN];
/** Answer cells per 64-bit mask: sums of distinct powers of two below 2^62 stay exact BIGINTs. */
const CELLS_PER_MASK = 62;

/**
 * The survey, in the database: the score of each response (mean of its
 * answers, reverse-coded items flipped), each person's mean score per day, and the
 * before/after windows of every unit over those days; then the Likert aggregates. Only
 * the units' values and the aggregates come back.
 *
 * The one pass over the answers groups them by response (response_id, employee_id,
 * response_date). When every answer is a whole level of the scale, it also sums one bit
 * per (item, level) "answer cell" into masks: the masks of a response are then exactly
 * its answers (unless it holds the same answer twice, which shows as fewer bits than
 * answers), and the Likert counts come from the responses, without another pass over the
 * answers. Otherwise ("generic") those counts come from their own queries.
 */
export async function readSurvey(
  conn: DuckDBConnection,
  model: PeopleModel,
  config: AnalysisConfig,
  items: string[],
  options: SurveyReadOptions = {},
): Promise<SurveyData> {
  return startSurvey(conn, model, config, await planSurvey(conn, config, items, options))();
}

/** How the survey will be read: its items, and whether (and in how many masks) answers are packed. */
export interface SurveyPlan {
  items: string[];
  levels: number;
  lo: number;
  /** 0 = generic. */
  masks: number;
  /** Read the responses from RESPONSE_TABLE (current for these items) instead of grouping the answers. */
  byResponse: boolean;
}

/**
 * Decides the packing: every answer must be a whole level of the scale (the cell formula
 * relies on it; RESPONSE_TABLE's stamp knows, else one cheap scan), and whether to read
 * RESPONSE_TABLE.
 */
export async function planSurvey(conn: DuckDBConnection, config: AnalysisConfig, items: string[], options: SurveyReadOptions = {}): Promise<SurveyPlan> {
  const lo = Math.ceil(config.survey.scaleMin);
  const hi = Math.floor(config.survey.scaleMax);
  const levels = hi - lo + 1;
  const masks = Math.ceil((items.length * levels) / CELLS_PER_MASK);
  let packed = !options.generic && items.length > 0 && levels >= 1 && levels <= MAX_LEVELS && masks <= MAX_MASKS;
  const scores = options.byAnswers ? null : await responseTableCurrent(conn, items);
  if (packed && scores) packed = scores.whole && scores.min >= lo && scores.max <= hi;
  else if (packed) {
    const off = await readNumeric(conn, `SELECT count(*)::INTEGER FROM survey_responses WHERE NOT (score >= ${lo} AND score <= ${hi} AND score = floor(score))`, ['int']);
    packed = off.cols[0]![0] === 0;
  }
  return { items, levels, lo, masks: packed ? masks : 0, byResponse: scores !== null };
}

/**
 * Starts the big query (responses, then the units' values, in one run) at once and returns
 * what waits for it and finishes the job, so other work can go on meanwhile.
 */
export function startSurvey(conn: DuckDBConnection, model: PeopleModel, config: AnalysisConfig, plan: SurveyPlan): () => Promise<SurveyData> {
  const { items, masks } = plan;
  const responses = plan.byResponse ? responsesFromTable(config, plan) : responsesFromAnswers(config, plan);
  const values = unitValues(conn, model, config, `SELECT pid, day, avg(total / n) AS v FROM ${RESPONSES} GROUP BY pid, day`, responses);
  return async () => {
    const unit = await values.finish(model);
    let packed = masks > 0;
    if (packed) {
      const ms = Array.from({ length: masks }, (_, k) => `m${k}`);
      const inexact = `${ms.map((m) => `${m} < 0`).join(' OR ')} OR ${ms.map((m) => `bit_count(${m})`).join(' + ')} <> n`;
      packed = (await readNumeric(conn, `SELECT count(*)::INTEGER FROM ${RESPONSES} WHERE ${inexact}`, ['int'])).cols[0]![0] === 0;
    }
    const all = packed ? await packedAll(conn, plan) : await genericAll(conn, items);
    const answers = packed ? packedAnswers(plan) : genericAnswers(items);
    return { values: unit, likert: { items, all, ...(await chosenAnswers(conn, config, items, answers)) }, path: packed ? 'packed' : 'generic' };
  };
}

/** SQL: RESPONSES by grouping the answers (one pass over survey_responses). */
function responsesFromAnswers(config: AnalysisConfig, { items, levels, lo, masks }: SurveyPlan): string {
  let maskAggs = '';
  let maskCols = '';
  if (masks > 0) {
    // list_position over a constant list is much cheaper on 5M strings than a CASE with one branch per item
    const cell = `(${itemPosition(items, 'item')} * ${levels} + CAST(score AS INTEGER) - ${lo})`;
    for (let k = 0; k < masks; k++) {
      const bit = masks === 1 ? `1::BIGINT << ${cell}` : `CASE WHEN ${cell} BETWEEN ${k * CELLS_PER_MASK} AND ${(k + 1) * CELLS_PER_MASK - 1} THEN 1::BIGINT << (${cell} - ${k * CELLS_PER_MASK}) END`;
      maskAggs += `, coalesce(sum(${bit}), 0) AS m${k}`;
      // sums of distinct bits stay below 2^62; anything larger (repeated answers) is marked -1
      maskCols += `, CASE WHEN a.m${k} < ${2n ** 62n} THEN a.m${k}::BIGINT ELSE -1 END AS m${k}`;
    }
  }
  return `
    CREATE OR REPLACE TEMP TABLE ${RESPONSES} AS
      SELECT g.pid, g.grp, (a.response_date - ${EPOCH})::INTEGER AS day, a.n, a.total${maskCols}
      FROM (
        SELECT employee_id, response_date, count(*)::INTEGER AS n, sum(${recodedScoreSql(config)}) AS total${maskAggs}
        FROM survey_responses GROUP BY response_id, employee_id, response_date) a
      JOIN ${GROUPS} g USING (employee_id)`;
}

/**
 * SQL: RESPONSES from RESPONSE_TABLE (surveyByResponse.ts), one column per item: the same
 * rows the answers give when grouped, without grouping them. The total sums the
 * (reverse-coded) item columns; each item sets one bit of its answer cell in the masks.
 */
function responsesFromTable(config: AnalysisConfig, { items, levels, lo, masks }: SurveyPlan): string {
  const total = items.map((it, k) => `coalesce(${recodedScoreSql(config, itemColumn(k), quoteLiteral(it))}, 0)`).join(' + ');
  let maskCols = '';
  for (let j = 0; j < masks; j++) {
    const bits = items.flatMap((_, k) => {
      // item k's cells are k * levels … k * levels + levels - 1; mask j holds cells 62j … 62j + 61
      if ((k + 1) * levels <= j * CELLS_PER_MASK || k * levels >= (j + 1) * CELLS_PER_MASK) return [];
      const cell = `(${k * levels - lo - j * CELLS_PER_MASK} + ${itemColumn(k)}::INTEGER)`;
      return [`coalesce(CASE WHEN ${cell} BETWEEN 0 AND ${CELLS_PER_MASK - 1} THEN 1::BIGINT << ${cell} END, 0)`];
    });
    maskCols += `, (${bits.join(' + ')}) AS m${j}`;
  }
  return `
    CREATE OR REPLACE TEMP TABLE ${RESPONSES} AS
      SELECT g.pid, g.grp, (s.response_date - ${EPOCH})::INTEGER AS day, s.n, ${total} AS total${maskCols}
      FROM ${RESPONSE_TABLE} s JOIN ${GROUPS} g USING (employee_id)`;
}

/** SQL: 1 when answer cell c is set in the masks m0 … of the row, else 0. */
const cellBit = (c: number) => `((m${Math.floor(c / CELLS_PER_MASK)} >> ${c % CELLS_PER_MASK}) & 1)`;

/** Likert counts over every analysed person from the response masks: answers and people per cell, people per item. */
async function packedAll(conn: DuckDBConnection, { items, levels, lo, masks }: SurveyPlan): Promise<(ItemTally | undefined)[]> {
  const k = items.length;
  const cells = Array.from({ length: k * levels }, (_, c) => c);
  const ms = Array.from({ length: masks }, (_, j) => `m${j}`);
  const { cols } = await readNumeric(
    conn,
    `WITH people AS (SELECT ${ms.map((m) => `bit_or(${m}) AS ${m}`).join(', ')} FROM ${RESPONSES} GROUP BY pid)
     SELECT * FROM
       (SELECT ${cells.map((c) => `sum(${cellBit(c)})::INTEGER`).join(', ')} FROM ${RESPONSES}),
       (SELECT ${cells.map((c) => `sum(${cellBit(c)})::INTEGER`).join(', ')},
               ${items.map((_, i) => `count(*) FILTER (WHERE ${cells.slice(i * levels, (i + 1) * levels).map((c) => `${cellBit(c)} = 1`).join(' OR ')})::INTEGER`).join(', ')}
        FROM people)`,
    Array.from({ length: 2 * k * levels + k }, () => 'int' as const),
  );
  const at = (j: number) => (cols[j] as Int32Array)[0]!;
  return items.map((_, i): ItemTally | undefined => {
    const people = at(2 * k * levels + i);
    if (people === 0) return undefined;
    const byScore = new Map<number, number>();
    const peopleByScore = new Map<number, number>();
    for (let l = 0; l < levels; l++) {
      const c = i * levels + l;
      if (at(c) === 0) continue;
      byScore.set(lo + l, at(c));
      peopleByScore.set(lo + l, at(k * levels + c));
    }
    return { byScore, peopleByScore, people };
  });
}

/** SQL: the participants' answers (pid, day, item position, score) unpacked from their response masks. */
function packedAnswers({ items, levels, lo, masks }: SurveyPlan): string {
  const mask = masks === 1 ? 'm0' : `CASE c // ${CELLS_PER_MASK} ${Array.from({ length: masks }, (_, k) => `WHEN ${k} THEN m${k}`).join(' ')} END`;
  return `SELECT r.pid, r.day, (c // ${levels})::INTEGER AS item, (${lo} + c % ${levels})::DOUBLE AS score
    FROM ${RESPONSES} r, range(${items.length * levels}) t(c)
    WHERE r.grp = ${PARTICIPANTS} AND ((${mask} >> (c % ${CELLS_PER_MASK})::INTEGER) & 1) = 1`;
}

/** SQL: the participants' answers (pid, day, item position, score) from the survey table. */
function genericAnswers(items: string[]): string {
  return `SELECT g.pid, (s.response_date - ${EPOCH})::INTEGER AS day, ${itemPosition(items, 's.item')} AS item, s.score
    FROM survey_responses s JOIN ${GROUPS} g ON g.employee_id = s.employee_id AND g.grp = ${PARTICIPANTS}`;
}

const itemPosition = (items: string[], expr: string) => `(list_position([${items.map(quoteLiteral).join(', ')}], ${expr}) - 1)::INTEGER`;

/** Likert counts over every analysed person from the answers themselves (any survey). */
async function genericAll(conn: DuckDBConnection, items: string[]): Promise<(ItemTally | undefined)[]> {
  const position = itemPosition(items, 'item');
  const analysed = `employee_id IN (SELECT employee_id FROM ${GROUPS})`;
  const counts = await readNumeric(
    conn,
    `SELECT ${position}, score, count(*)::INTEGER, count(DISTINCT employee_id)::INTEGER FROM survey_responses WHERE ${analysed} GROUP BY ALL`,
    ['int', 'num', 'int', 'int'],
  );
  const people = await readNumeric(conn, `SELECT ${position}, count(DISTINCT employee_id)::INTEGER FROM survey_responses WHERE ${analysed} GROUP BY ALL`, ['int', 'int']);
  const all: (ItemTally | undefined)[] = items.map(() => undefined);
  const [pItem, pCount] = people.cols as Int32Array[];
  for (let i = 0; i < people.rows; i++) all[pItem![i]!] = { byScore: new Map(), peopleByScore: new Map(), people: pCount![i]! };
  const [cItem, , cCount, cPeople] = counts.cols as Int32Array[];
  const cScore = counts.cols[1] as Float64Array;
  for (let i = 0; i < counts.rows; i++) {
    const t = all[cItem![i]!]!;
    t.byScore.set(cScore[i]!, cCount![i]!);
    t.peopleByScore.set(cScore[i]!, cPeople![i]!);
  }
  return all;
}

/**
 * Participants' before and after answers per item (the before and after windows around their headline
 * index, per item): tallies per period, and each participant's mean on both chosen days.
 */
async function chosenAnswers(conn: DuckDBConnection, config: AnalysisConfig, items: string[], answers: string): Promise<Pick<LikertInput, 'before' | 'after' | 'pairs'>> {
  const pre = Number(config.preDays);
  const ps = Number(config.postStartDays);
  const pe = Number(config.postEndDays);
  const { scaleMin, scaleMax, reverseItems } = config.survey;
  const reversed = items.flatMap((it, i) => (reverseItems.includes(it) ? [i] : []));
  const recoded = reversed.length ? `CASE WHEN item IN (${reversed.join(', ')}) THEN ${Number(scaleMin) + Number(scaleMax)} - score ELSE score END` : 'score';
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE ${CHOSEN} AS
      WITH a AS (SELECT a.pid, a.day, a.item, a.score, u.idx FROM (${answers}) a JOIN ${OWN_UNITS} u ON u.pid = a.pid AND u.ck = -1),
      w AS (
        SELECT pid, item,
               max(day) FILTER (WHERE day >= idx - ${pre} AND day < idx) AS bd,
               min(day) FILTER (WHERE day >= idx + ${ps} AND day <= idx + ${pe}) AS ad
        FROM a GROUP BY pid, item)
      SELECT a.pid, a.item, a.score, a.day IS NOT DISTINCT FROM w.ad AS after
      FROM a JOIN w USING (pid, item) WHERE a.day = w.bd OR a.day = w.ad`);
  const tallies = await readNumeric(
    conn,
    `SELECT after::INTEGER, item, score, count(*)::INTEGER, count(DISTINCT pid)::INTEGER FROM ${CHOSEN} GROUP BY ALL
     UNION ALL
     SELECT after::INTEGER, item, NULL, NULL, count(DISTINCT pid)::INTEGER FROM ${CHOSEN} GROUP BY ALL`,
    ['int', 'int', 'num', 'int', 'int'],
  );
  const periods = [0, 1].map(() => items.map((): ItemTally => ({ byScore: new Map(), peopleByScore: new Map(), people: 0 })));
  const [tAfter, tItem, , tCount, tPeople] = tallies.cols as Int32Array[];
  const tScore = tallies.cols[2] as Float64Array;
  for (let i = 0; i < tallies.rows; i++) {
    const t = periods[tAfter![i]!]![tItem![i]!]!;
    const score = tScore[i]!;
    if (score !== score) {
      t.people = tPeople![i]!;
      continue;
    }
    t.byScore.set(score, tCount![i]!);
    t.peopleByScore.set(score, tPeople![i]!);
  }
  const pairs = await readNumeric(
    conn,
    `SELECT item, avg(x) FILTER (WHERE NOT after), avg(x) FILTER (WHERE after)
     FROM (SELECT pid, item, after, ${recoded} AS x FROM ${CHOSEN})
     GROUP BY item, pid HAVING bool_or(after) AND NOT bool_and(after)
     ORDER BY item, pid`,
    ['int', 'num', 'num'],
  );
  const [pItem] = pairs.cols as Int32Array[];
  const [, pBefore, pAfter] = pairs.cols as Float64Array[];
  const bounds = new Int32Array(items.length + 1);
  for (let i = 0; i < pairs.rows; i++) bounds[pItem![i]! + 1]!++;
  for (let i = 0; i < items.length; i++) bounds[i + 1]! += bounds[i]!;
  return {
    before: periods[0]!,
    after: periods[1]!,
    pairs: items.map((_, i) => ({ before: pBefore!.subarray(bounds[i]!, bounds[i + 1]!), after: pAfter!.subarray(bounds[i]!, bounds[i + 1]!) })),
  };
}
