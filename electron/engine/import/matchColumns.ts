import { EngineError } from '../errors';
import type { FieldSpec } from './fieldSpecs';
import { FIELD_SPECS, normalizeHeader } from './fieldSpecs';
import { IMPORT_KINDS } from '../../../shared/domain';
import type { ImportKind } from '../../../shared/domain';

/**
 * canonical field → source column. An explicit mapping wins; otherwise the first synonym
 * (in the order listed, most specific first) that names an unclaimed source column.
 */
export function matchColumns(
  fileName: string,
  specs: FieldSpec[],
  sourceColumns: string[],
  explicit: Record<string, string> = {},
): Map<string, string> {
  const bySynonym = new Map<string, string>();
  for (const col of sourceColumns) {
    const key = normalizeHeader(col);
    if (!bySynonym.has(key)) bySynonym.set(key, col);
  }
  const claimed = new Set<string>();
  const result = new Map<string, string>();

  for (const [field, source] of Object.entries(explicit)) {
    if (!specs.some((s) => s.name === field)) {
      throw new EngineError('bad_mapping', `${fileName}: the mapping names an unknown field "${field}" (known: ${specs.map((s) => s.name).join(', ')})`, { file: fileName });
    }
    if (!sourceColumns.includes(source)) {
      throw new EngineError('missing_column', `${fileName}, line 1: the mapping's column "${source}" for ${field} is not in the header`, { file: fileName, line: 1, column: source });
    }
    result.set(field, source);
    claimed.add(source);
  }
  for (const spec of specs) {
    if (result.has(spec.name)) continue;
    for (const synonym of [spec.name, ...spec.synonyms]) {
      const col = bySynonym.get(normalizeHeader(synonym));
      if (col !== undefined && !claimed.has(col)) {
        result.set(spec.name, col);
        claimed.add(col);
        break;
      }
    }
  }
  return result;
}

export function requireColumns(fileName: string, specs: FieldSpec[], matched: Map<string, string>, skip: string[] = [], hint = ''): void {
  for (const spec of specs) {
    if (!spec.required || matched.has(spec.name) || skip.includes(spec.name)) continue;
    const tried = spec.synonyms.slice(0, 4).map((s) => `"${s}"`).join(', ');
    throw new EngineError(
      'missing_column',
      `${fileName}, line 1: required column ${spec.name} is missing (looked for ${tried}, …); map it to one of the file's columns${hint}`,
      { file: fileName, line: 1, column: spec.name },
    );
  }
}

const KIND_WORDS: Record<ImportKind, string> = {
  roster: 'a mentoring program roster',
  people: 'an HRIS (people) export',
  survey: 'a survey export',
  performance: 'a performance review export',
};

/**
 * When a file lacks a required column of the kind it is imported as, names the kind whose
 * required columns its header does have (by name and synonyms), e.g. a survey imported as people.
 */
export function suggestKind(headers: string[], current: ImportKind): string {
  let best: { kind: ImportKind; columns: string[] } | null = null;
  for (const kind of IMPORT_KINDS) {
    if (kind === current) continue;
    const specs = FIELD_SPECS[kind];
    const matched = matchColumns('', specs, headers);
    // A wide survey has no item/score columns by name: its items are the remaining columns.
    const wideOk = kind === 'survey' && headers.length - matched.size >= 2 ? ['item', 'score'] : [];
    if (!specs.every((s) => !s.required || matched.has(s.name) || wideOk.includes(s.name))) continue;
    const columns = specs.filter((s) => matched.has(s.name)).map((s) => matched.get(s.name)!);
    if (!best || columns.length > best.columns.length) best = { kind, columns };
  }
  if (!best) return '';
  return `; this looks like ${KIND_WORDS[best.kind]} (it has ${best.columns.map((c) => `"${c}"`).join(', ')}): import it as ${best.kind}`;
}
