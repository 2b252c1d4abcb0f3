/**
 * Detect: what a file is, decided here for both the inspection (inspect.ts) and the import
 * (importCsv.ts): the kind its header fits, its extra header rows, and whether a kind with
 * a wide layout (the survey) reads it wide and which columns may be its items.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { EMPLOYEE_ID_SYNONYMS, IMPORT_KINDS, KINDS } from '../../../shared/kinds';
import type { ImportKind } from '../../../shared/kinds';
import { queryRows, quoteIdent } from '../db';
import { matchColumns, normalizeHeader } from './matchColumns';
import type { StagedCsv } from './readCsv';

/** Numeric columns survey tools add that are not answers (Qualtrics, SurveyMonkey, Google Forms). */
const NOT_ITEMS = new Set(
  ['Progress', 'Duration (in seconds)', 'Finished', 'Status', 'LocationLatitude', 'LocationLongitude', 'IPAddress', 'Q_RecaptchaScore',
    'Q_RelevantIDDuplicateScore', 'Q_RelevantIDFraudScore', 'Collector ID', 'Respondent ID', 'Score', 'Total Score', 'Quiz Score', 'Points']
    .map(normalizeHeader),
);

interface KindFit {
  kind: ImportKind;
  matched: Map<string, string>;
  /** Share of the kind's required fields the header has (by name, or as wide items). */
  frac: number;
  /** Required fields named outright. */
  named: number;
}

/**
 * How the header fits each kind. A kind with a wide layout has its item and score fields
 * when at least two columns of `itemPool` are left unclaimed by its other fields.
 */
function fitKinds(headers: string[], itemPool: string[]): KindFit[] {
  return IMPORT_KINDS.map((kind) => {
    const { fields, wide } = KINDS[kind];
    const matched = matchColumns('', fields, headers);
    const claimed = new Set(matched.values());
    const wideItems = wide && !(matched.has(wide.item) && matched.has(wide.score)) ? itemPool.filter((h) => !claimed.has(h)).length : 0;
    const fromItems = (name: string) => wideItems >= 2 && (name === wide?.item || name === wide?.score);
    const required = fields.filter((s) => s.required);
    const found = required.filter((s) => matched.has(s.name) || fromItems(s.name)).length;
    return { kind, matched, frac: found / required.length, named: required.filter((s) => matched.has(s.name)).length };
  });
}

/**
 * The kind whose required fields the header names best (`numericColumns`: the columns whose
 * sampled values are all numbers, a wide survey's possible items), or null.
 */
export function guessKind(headers: string[], numericColumns: string[]): ImportKind | null {
  const ranked = fitKinds(headers, numericColumns).sort((a, b) => b.frac - a.frac || b.named - a.named || b.matched.size - a.matched.size);
  // Two required fields named outright, not wide-survey items, make a guess: a reviews file whose
  // rating column is named twice ("Score", "Score") matches a wide survey better on paper.
  return ranked.find((r) => r.named >= 2)?.kind ?? null;
}

/**
 * When a file lacks a required column of the kind it is imported as, names the kind whose
 * required columns its header does have (by name and synonyms), e.g. a survey imported as people.
 */
export function suggestKind(headers: string[], current: ImportKind): string {
  let best: KindFit | null = null;
  for (const fit of fitKinds(headers, headers)) {
    if (fit.kind === current || fit.frac < 1) continue;
    if (!best || fit.matched.size > best.matched.size) best = fit;
  }
  if (!best) return '';
  const columns = KINDS[best.kind].fields.filter((s) => best.matched.has(s.name)).map((s) => best.matched.get(s.name)!);
  return `; this looks like ${KINDS[best.kind].looksLike} (it has ${columns.map((c) => `"${c}"`).join(', ')}): import it as ${best.kind}`;
}

/**
 * Extra header rows under the header (Qualtrics: question text, then {"ImportId": …}):
 * a row among the first three that holds an ImportId cell ends the header block; before
 * that, a row counts as a header row when its ID cell is a header-like word or several of
 * its cells repeat their column's name.
 */
export async function detectHeaderRows(conn: DuckDBConnection, staged: Pick<StagedCsv, 'columns' | 'headers' | 'plainView'>, idColumn: string | undefined): Promise<number> {
  const rows = await queryRows<Record<string, string | null>>(conn, `SELECT ${staged.columns.map(quoteIdent).join(', ')} FROM ${staged.plainView} WHERE __mi_r < 3 ORDER BY __mi_r`);
  const idIndex = idColumn === undefined ? -1 : staged.headers.indexOf(idColumn);
  const idWords = new Set(EMPLOYEE_ID_SYNONYMS.map(normalizeHeader));
  const cells = (r: Record<string, string | null>) => staged.columns.map((c) => (r[c] ?? '').trim());
  let importIdRow = -1;
  rows.forEach((r, k) => {
    if (cells(r).some((v) => /^\{\s*"ImportId"\s*:/i.test(v))) importIdRow = k;
  });
  if (importIdRow >= 0) return importIdRow + 1;
  let skip = 0;
  for (const r of rows) {
    const values = cells(r);
    const nonEmpty = values.filter((v) => v !== '').length;
    const same = values.filter((v, i) => v !== '' && normalizeHeader(v) === normalizeHeader(staged.headers[i]!)).length;
    const idCell = idIndex >= 0 ? normalizeHeader(values[idIndex]!) : '';
    const headerish = (idCell !== '' && (idCell === normalizeHeader(staged.headers[idIndex]!) || idWords.has(idCell))) || (same >= 2 && same >= nonEmpty * 0.3);
    if (!headerish) break;
    skip++;
  }
  return skip;
}

/**
 * Whether a file of this kind is read wide (one column per item): as the mapping's layout
 * says, else when the kind has a wide layout and its item and score fields are not both named.
 */
export function readsWide(kind: ImportKind, matched: Map<string, string>, layout?: 'wide' | 'long'): boolean {
  const wide = KINDS[kind].wide;
  if (!wide) return false;
  return layout === 'wide' || (layout !== 'long' && !(matched.has(wide.item) && matched.has(wide.score)));
}

/** The columns a wide file's items may be: those no other field claims, less survey tools' own numeric columns. */
export function itemPool(kind: ImportKind, headers: string[], matched: Map<string, string>): string[] {
  const wide = KINDS[kind].wide;
  const claimed = new Set([...matched].filter(([f]) => f !== wide?.item && f !== wide?.score).map(([, c]) => c));
  return headers.filter((h) => !claimed.has(h) && !NOT_ITEMS.has(normalizeHeader(h)));
}
