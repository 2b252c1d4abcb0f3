/**
 * Layout: whether a kind with a wide layout (the survey) reads the file long (item and score
 * columns) or wide (one column per item), and which columns are its items. Unnamed items are
 * shortlisted on the first rows here and confirmed over the whole file by the check pass.
 */
import type { ImportKind } from '../../../shared/domain';
import { KINDS } from '../../../shared/kinds';
import { quoteIdent, quoteLiteral } from '../db';
import { EngineError } from '../errors';
import { itemPool, readsWide } from './detect';
import { requireColumns } from './matchColumns';
import { numberSql } from './plan';
import { flaggedListSql } from './sql';
import type { Runner } from './stage';
import { DATA, LONG, PLAIN } from './stage';
import type { ImportMapping } from './types';

const SAMPLE_ROWS = 100_000;

export interface Layout {
  wide: boolean;
  /** The mapping's items; empty when they are to be found among the candidates. */
  items: string[];
  /** Columns whose sampled values are all numbers (or mapped labels). */
  candidates: string[];
}

/** SQL: the value is there and is neither a number nor one of the mapping's score labels. */
export function notScoreSql(mapping: ImportMapping, decimalComma: boolean): (x: string) => string {
  const labels = Object.keys(mapping.values?.score ?? {}).map((k) => quoteLiteral(k.trim().toLowerCase()));
  const numeric = (v: string) => (labels.length ? `CASE WHEN lower(${v}) IN (${labels.join(', ')}) THEN 0 ELSE ${numberSql(v, decimalComma)} END` : numberSql(v, decimalComma));
  return (x) => `mi_clean(${x}) IS NOT NULL AND ${numeric(`mi_clean(${x})`)} IS NULL`;
}

function missingColumn(fileName: string, what: string, column: string): EngineError {
  return new EngineError('missing_column', `${fileName}, line 1: ${what} "${column}" is not in the header`, { file: fileName, line: 1, column });
}

/** Sets `matched`'s item and score for a long layout the mapping names, and drops them for a wide one. */
export async function surveyLayout(
  run: Runner,
  kind: ImportKind,
  headers: string[],
  col: (header: string) => string,
  matched: Map<string, string>,
  mapping: ImportMapping,
  notScore: (x: string) => string,
): Promise<Layout> {
  const layout: Layout = { wide: false, items: [], candidates: [] };
  if (!KINDS[kind].wide) return layout;
  const { survey } = mapping;
  if (survey?.layout === 'long') {
    if (survey.item) matched.set('item', survey.item);
    if (survey.score) matched.set('score', survey.score);
    for (const c of [survey.item, survey.score]) if (c && !headers.includes(c)) throw missingColumn(run.fileName, 'survey column', c);
  }
  layout.wide = readsWide(kind, matched, survey?.layout);
  if (!layout.wide) return layout;
  matched.delete('item');
  matched.delete('score');
  if (survey?.layout === 'wide' && survey.items?.length) {
    for (const c of survey.items) if (!headers.includes(c)) throw missingColumn(run.fileName, 'survey item column', c);
    return { ...layout, items: survey.items };
  }
  const cands = itemPool(kind, headers, matched);
  if (!cands.length) return layout;
  // Flags i: column i has a value; cands.length + i: it has a value that is not a number.
  const cols = cands.map((h) => quoteIdent(col(h)));
  const flags = `list_concat(${flaggedListSql(cols, (x) => `mi_clean(${x}) IS NOT NULL`, 0)}, ${flaggedListSql(cols, notScore, cands.length)})`;
  const [row] = await run.query<{ flagged: number[] | null }>(
    `SELECT list(DISTINCT __mi_i) AS flagged FROM (SELECT unnest(${flags}) AS __mi_i FROM (SELECT * FROM ${PLAIN} LIMIT ${SAMPLE_ROWS}))`,
  );
  const set = new Set((row?.flagged ?? []).map(Number));
  return { ...layout, candidates: cands.filter((_, i) => set.has(i) && !set.has(cands.length + i)) };
}

/**
 * The items: the mapping's, else the candidates numeric over the whole file (`notScores`:
 * those that are not). Then the required fields, the wide item and score standing for the items.
 */
export function settleItems(
  run: Runner,
  kind: ImportKind,
  layout: Layout,
  notScores: ReadonlySet<string>,
  matched: Map<string, string>,
  constants: string[],
  hint: () => string,
): string[] {
  const { fields } = KINDS[kind];
  let items = layout.items;
  if (layout.wide && !items.length) {
    items = layout.candidates.filter((c) => !notScores.has(c));
    if (items.length === 0) {
      requireColumns(run.fileName, fields, matched, constants, hint());
      throw new EngineError(
        'missing_column',
        `${run.fileName}, line 1: no survey item columns found (a wide survey needs columns of numeric answers, or a long one item and score columns); name them in the mapping's survey section`,
        { file: run.fileName, line: 1 },
      );
    }
  }
  if (layout.wide) {
    matched.set('item', '__mi_item');
    matched.set('score', '__mi_score');
  }
  requireColumns(run.fileName, fields, matched, constants, hint());
  return items;
}

/** LONG: a wide file's rows, one per item answered; returns the view the plans read. */
export async function longView(run: Runner, headers: string[], col: (header: string) => string, items: string[]): Promise<string> {
  const keep = ['__mi_r', '__mi_line', ...headers.filter((h) => !items.includes(h)).map(col)].map(quoteIdent);
  await run.conn.run(
    `CREATE OR REPLACE TEMP VIEW ${LONG} AS SELECT * FROM (
       SELECT ${keep.join(', ')}, unnest([${items.map(quoteLiteral).join(', ')}]) AS __mi_item, unnest([${items.map((h) => `mi_clean(${quoteIdent(col(h))})`).join(', ')}]) AS __mi_score
       FROM ${DATA}) WHERE __mi_score IS NOT NULL`,
  );
  return LONG;
}
