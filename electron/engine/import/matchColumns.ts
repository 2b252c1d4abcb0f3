/** Match: which source column holds each canonical field of the kind. */
import { EngineError } from '../errors';
import type { FieldDeclaration } from '../../../shared/kinds';

/** 'Employee ID', 'employee_id' and 'EmployeeID' all normalise to 'employeeid'. */
export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * canonical field → source column. An explicit mapping wins; otherwise the first synonym
 * (in the order listed, most specific first) that names an unclaimed source column.
 */
export function matchColumns(
  fileName: string,
  specs: readonly FieldDeclaration[],
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

export function requireColumns(fileName: string, specs: readonly FieldDeclaration[], matched: Map<string, string>, skip: string[] = [], hint = ''): void {
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
