import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig } from '../../../shared/analysis';
import { quoteLiteral } from '../db';
import { EPOCH, readNumeric, readResult } from './columns';
import { recodedScoreSql, windowValues } from './measurements';
import type { UnitValues } from './measurements';
import { GROUPS, PARTICIPANTS } from './population';
import type { PeopleModel } from './population';

/** Scales with more levels than this get no per-level counts (only n, mean, top-2-box). */
export const MAX_LEVELS = 101;
/** Most 64-bit answer masks per response (items × levels ≤ 256 answer cells). */
const MAX_MASKS = 4;

/** The answers of one item in one set: raw score → answers, raw score → distinct people, and the distinct people overall. */
export interface ItemTally {
  byScore: Map<number, number>;
  peopleByScore: Map<number, number>;
  people: number;
}

/** What the item-level (Likert) results need from the survey. */
export interface LikertInput {
  /** Every survey item, natural order; answers refer to items by position here. */
  items: string[];
  /** Per item: every answer of the analysed people (participants and comparison), any date; undefined = none. */
  all: (ItemTally | undefined)[];
  /** Participants' answers, any date: person, day, item position, raw score. */
  part: { pid: Int32Array; day: Int32Array; item: Int32Array; score: Float64Array };
}

export interface SurveyData {
  values: UnitValues;
  likert: LikertInput;
  /** Which path read the survey (tests check both give the same results). */
  path: 'packed' | 'generic';
}

/** Options for tests: force the generic reading of the survey. */
export interface SurveyReadOptions {
  generic?: boolean;
}

const popcount = (x: number) => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/**
 * The survey in one pass over the answers, grouped by response (response_id, employee_id,
 * response_date) and joined to the analysed people: each response's size and its answers
 * packed as bits of 64-bit masks, one bit per (item, level) "answer cell". From the bits
 * come both the response's score (mean of its reverse-coded answers) for the measurement
 * windows and the Likert counts (every analysed person's answers; participants' answers
 * by day), without another pass over the answers.
 *
 * The packing is exact when every answer is a whole level of the scale and no response
 * holds the same answer twice (then a response's bits add up to its size). Otherwise the
 * survey is read the generic way: response scores from their own aggregation, the Likert
 * counts from their own queries.
 */
export async function readSurvey(
  conn: DuckDBConnection,
  model: PeopleModel,
  config: AnalysisConfig,
  items: string[],
  options: SurveyReadOptions = {},
): Promise<SurveyData> {
  return (await startSurvey(conn, model, config, items, options))();
}

/**
 * readSurvey in two steps: the promise resolves once the big query is running, to a
 * function that waits for it and finishes the job (other work can run in between).
 */
export async function startSurvey(
  conn: DuckDBConnection,
  model: PeopleModel,
  config: AnalysisConfig,
  items: string[],
  options: SurveyReadOptions = {},
): Promise<() => Promise<SurveyData>> {
  const lo = Math.ceil(config.survey.scaleMin);
  const hi = Math.floor(config.survey.scaleMax);
  const levels = hi - lo + 1;
  const cells = items.length * levels;
  const masks = Math.ceil(cells / 64);
  let packable = !options.generic && items.length > 0 && levels >= 1 && levels <= MAX_LEVELS && masks <= MAX_MASKS;
  if (packable) {
    // every answer a whole level of the scale (one cheap scan; the cell formula below relies on it)
    const off = await readNumeric(conn, `SELECT count(*)::INTEGER FROM survey_responses WHERE NOT (score >= ${lo} AND score <= ${hi} AND score = floor(score))`, ['int']);
    packable = off.cols[0]![0] === 0;
  }
  if (packable) {
    const cell = `list_position([${items.map(quoteLiteral).join(', ')}], item) * ${levels} + CAST(score AS INTEGER) - ${levels + lo}`;
    const maskAggs = Array.from({ length: masks }, (_, k) =>
      masks === 1 ? ', bit_or(1::BIGINT << c) AS m0' : `, bit_or(CASE WHEN c >= ${64 * k} AND c < ${64 * (k + 1)} THEN 1::BIGINT << (c - ${64 * k}) END) AS m${k}`,
    ).join('');
    const halves = Array.from({ length: masks }, (_, k) => `, (coalesce(a.m${k}, 0) & 4294967295)::UINTEGER, ((coalesce(a.m${k}, 0) >> 32) & 4294967295)::UINTEGER`).join('');
    const pending = conn.run(
      `SELECT g.pid, (a.response_date - ${EPOCH})::INTEGER, a.n${halves}
       FROM (
         SELECT employee_id, response_date, count(*)::INTEGER AS n${maskAggs}
         FROM (SELECT response_id, employee_id, response_date, ${cell} AS c FROM survey_responses)
         GROUP BY response_id, employee_id, response_date) a
       JOIN ${GROUPS} g USING (employee_id)
       ORDER BY g.pid`,
    );
    pending.catch(() => undefined);
    return async () => {
      const { rows, cols } = readResult(await pending, ['int', 'int', 'int', ...Array.from({ length: 2 * masks }, () => 'num' as const)]);
      return unpack(model, config, items, levels, lo, rows, cols as [Int32Array, Int32Array, Int32Array, ...Float64Array[]]) ?? (await genericSurvey(conn, model, config, items));
    };
  }
  return () => genericSurvey(conn, model, config, items);
}

/** The survey read the generic way: responses grouped by (response_id, employee_id, response_date), Likert counts by their own queries. */
async function genericSurvey(conn: DuckDBConnection, model: PeopleModel, config: AnalysisConfig, items: string[]): Promise<SurveyData> {
  const { rows, cols } = await readNumeric(
    conn,
    `SELECT g.pid, (s.response_date - ${EPOCH})::INTEGER, count(*)::INTEGER, sum(${recodedScoreSql(config)})
     FROM survey_responses s JOIN ${GROUPS} g USING (employee_id)
     GROUP BY s.response_id, g.pid, s.response_date`,
    ['int', 'int', 'int', 'num'],
  );
  const [pid, day, size] = cols as Int32Array[];
  const score = cols[3] as Float64Array;
  for (let i = 0; i < rows; i++) score[i] = score[i]! / size![i]!;
  return { values: windowValues(model, config, pid!, day!, score, rows), likert: await genericLikert(conn, items), path: 'generic' };
}

/** Survey data from the analysed people's packed responses; null when some response does not unpack exactly. */
function unpack(
  model: PeopleModel,
  config: AnalysisConfig,
  items: string[],
  levels: number,
  lo: number,
  rows: number,
  [pid, day, size, ...halves]: [Int32Array, Int32Array, Int32Array, ...Float64Array[]],
): SurveyData | null {
  const k = items.length;
  const { scaleMin, scaleMax, reverseItems } = config.survey;
  const reversed = new Set(reverseItems);
  const cellItem = new Int32Array(k * levels);
  const cellLevel = new Float64Array(k * levels);
  const cellRecoded = new Float64Array(k * levels);
  for (let c = 0; c < k * levels; c++) {
    cellItem[c] = (c / levels) | 0;
    cellLevel[c] = lo + (c % levels);
    cellRecoded[c] = reversed.has(items[cellItem[c]!]!) ? scaleMin + scaleMax - cellLevel[c]! : cellLevel[c]!;
  }
  let partAnswers = 0;
  for (let i = 0; i < rows; i++) {
    let bits = 0;
    for (const h of halves) bits += popcount(h[i]! >>> 0);
    if (bits !== size[i]) return null;
    if (model.grp[pid[i]!] === PARTICIPANTS) partAnswers += bits;
  }
  const cellCount = new Float64Array(k * levels);
  const cellPeople = new Int32Array(k * levels);
  const cellLast = new Int32Array(k * levels).fill(-1);
  const people = new Int32Array(k);
  const itemLast = new Int32Array(k).fill(-1);
  const part = { pid: new Int32Array(partAnswers), day: new Int32Array(partAnswers), item: new Int32Array(partAnswers), score: new Float64Array(partAnswers) };
  const score = new Float64Array(rows);
  // responses in person order (the query sorts them; the counting sort is a safeguard), so
  // "a new person for this cell" is one comparison
  const order = byPerson(pid, rows, model.n);
  const { grp } = model;
  const partPid = part.pid;
  const partDay = part.day;
  const partItem = part.item;
  const partScore = part.score;
  const nHalves = halves.length;
  let a = 0;
  for (let j = 0; j < rows; j++) {
    const i = order ? order[j]! : j;
    const p = pid[i]!;
    const d = day[i]!;
    const isPart = grp[p] === PARTICIPANTS;
    let sum = 0;
    for (let h = 0; h < nHalves; h++) {
      let x = halves[h]![i]! | 0; // 32 answer cells as int32 bits
      const base = 32 * h;
      while (x !== 0) {
        const low = x & -x;
        x ^= low;
        const c = base + 31 - Math.clz32(low);
        sum += cellRecoded[c]!;
        cellCount[c]!++;
        if (cellLast[c] !== p) {
          cellLast[c] = p;
          cellPeople[c]!++;
        }
        const item = cellItem[c]!;
        if (itemLast[item] !== p) {
          itemLast[item] = p;
          people[item]!++;
        }
        if (isPart) {
          partPid[a] = p;
          partDay[a] = d;
          partItem[a] = item;
          partScore[a] = cellLevel[c]!;
          a++;
        }
      }
    }
    score[i] = sum / size[i]!;
  }
  const values = windowValues(model, config, pid, day, score, rows);
  const all = items.map((_, item): ItemTally | undefined => {
    if (people[item] === 0) return undefined;
    const byScore = new Map<number, number>();
    const peopleByScore = new Map<number, number>();
    for (let l = 0; l < levels; l++) {
      const count = cellCount[item * levels + l]!;
      if (count === 0) continue;
      byScore.set(lo + l, count);
      peopleByScore.set(lo + l, cellPeople[item * levels + l]!);
    }
    return { byScore, peopleByScore, people: people[item]! };
  });
  return { values, likert: { items, all, part }, path: 'packed' };
}

/** Row indices in person order (counting sort on pid; none needed when already in order). */
function byPerson(pid: Int32Array, rows: number, n: number): Int32Array | null {
  let sorted = true;
  for (let i = 1; i < rows && sorted; i++) if (pid[i]! < pid[i - 1]!) sorted = false;
  if (sorted) return null;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < rows; i++) start[pid[i]! + 1]!++;
  for (let p = 0; p < n; p++) start[p + 1]! += start[p]!;
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[start[pid[i]!]!++] = i;
  return order;
}

/** Likert input read with its own queries (any survey). */
async function genericLikert(conn: DuckDBConnection, items: string[]): Promise<LikertInput> {
  const position = `(list_position([${items.map(quoteLiteral).join(', ')}], item) - 1)::INTEGER`;
  const counts = await readNumeric(
    conn,
    `SELECT ${position}, score, count(*)::INTEGER, count(DISTINCT employee_id)::INTEGER FROM survey_responses
     WHERE employee_id IN (SELECT employee_id FROM ${GROUPS}) GROUP BY ALL`,
    ['int', 'num', 'int', 'int'],
  );
  const people = await readNumeric(
    conn,
    `SELECT ${position}, count(DISTINCT employee_id)::INTEGER FROM survey_responses
     WHERE employee_id IN (SELECT employee_id FROM ${GROUPS}) GROUP BY ALL`,
    ['int', 'int'],
  );
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
  const answers = await readNumeric(
    conn,
    `SELECT g.pid, (s.response_date - ${EPOCH})::INTEGER, ${position}, s.score
     FROM survey_responses s JOIN ${GROUPS} g ON g.employee_id = s.employee_id AND g.grp = ${PARTICIPANTS}`,
    ['int', 'int', 'int', 'num'],
  );
  const [pid, day, item] = answers.cols as Int32Array[];
  return { items, all, part: { pid: pid!, day: day!, item: item!, score: answers.cols[3] as Float64Array } };
}
