/**
 * The Import page's mapping draft: what the user sees and edits, turned into the engine's
 * mapping (the CLI's --mapping JSON) and back (templates).
 */
import type { ColumnMapping, FileInspection } from '../../../shared/domain';
import { KINDS, ROLE_WORDS } from '../../../shared/kinds';

/** Role words the engine reads without a mapping. */
export const KNOWN_ROLES: ReadonlyMap<string, 'mentee' | 'mentor'> = new Map(Object.entries(ROLE_WORDS));

export interface MappingDraft {
  /** canonical field → source column ('' = not in the file). */
  columns: Record<string, string>;
  /** source column → date format ('' = detect). */
  dateFormats: Record<string, string>;
  /** field → label → number as typed ('' = not mapped). */
  values: Record<string, Record<string, string>>;
  /** Role words of the file the engine does not know → mentee / mentor ('' = reject the row). */
  roles: Record<string, '' | 'mentee' | 'mentor'>;
  surveyLayout: 'wide' | 'long';
  items: string[];
  headerRowsToSkip: number;
  scaleMin: string;
  scaleMax: string;
}

/** The fields a wide layout fills from its item columns (none unless the kind and draft are wide). */
export function layoutFields(draft: MappingDraft, ins: FileInspection): string[] {
  const wide = KINDS[ins.kind].wide;
  return wide && draft.surveyLayout === 'wide' ? [wide.item, wide.score] : [];
}

export function draftFromInspection(ins: FileInspection): MappingDraft {
  const columns: Record<string, string> = {};
  for (const f of ins.fields) columns[f.name] = f.guess ?? '';
  const dateFormats: Record<string, string> = {};
  // Unambiguous columns are left to the engine, which confirms the format over the whole file (not just the sample).
  for (const d of ins.dates) dateFormats[d.column] = '';
  const values: Record<string, Record<string, string>> = {};
  for (const t of ins.textValues) {
    if (t.field === 'role') continue;
    values[t.field] = Object.fromEntries(t.values.map((v) => [v, '']));
  }
  const roles: MappingDraft['roles'] = {};
  for (const t of ins.textValues) if (t.field === 'role') for (const v of t.values) if (!KNOWN_ROLES.has(v.toLowerCase())) roles[v] = '';
  return {
    columns,
    dateFormats,
    values,
    roles,
    surveyLayout: ins.survey?.layout ?? 'long',
    items: ins.survey?.itemCandidates ?? [],
    headerRowsToSkip: ins.detected.headerRowsToSkip,
    scaleMin: '',
    scaleMax: '',
  };
}

/** The mapping sent to validateImport / startImport and saved as a template. */
export function buildMapping(draft: MappingDraft, ins: FileInspection): ColumnMapping {
  const fromLayout = layoutFields(draft, ins);
  const wide = fromLayout.length > 0;
  const columns: Record<string, string> = {};
  for (const [field, col] of Object.entries(draft.columns)) {
    if (!col) continue;
    if (fromLayout.includes(field)) continue;
    columns[field] = col;
  }
  const used = new Set(Object.values(columns));
  const dateFormats: Record<string, string> = {};
  for (const [col, fmt] of Object.entries(draft.dateFormats)) if (fmt && used.has(col)) dateFormats[col] = fmt;
  const values: Record<string, Record<string, number>> = {};
  for (const [field, labels] of Object.entries(draft.values)) {
    const entries = Object.entries(labels)
      .filter(([, v]) => v.trim() !== '' && Number.isFinite(Number(v)))
      .map(([k, v]) => [k, Number(v)] as const);
    if (entries.length) values[field] = Object.fromEntries(entries);
  }
  const mapping: ColumnMapping = { columns, headerRowsToSkip: draft.headerRowsToSkip };
  if (Object.keys(dateFormats).length) mapping.dateFormats = dateFormats;
  if (Object.keys(values).length) mapping.values = values;
  const roles = Object.entries(draft.roles).filter((e): e is [string, 'mentee' | 'mentor'] => e[1] !== '');
  if (ins.kind === 'roster' && roles.length) mapping.roles = Object.fromEntries(roles);
  if (KINDS[ins.kind].wide) {
    mapping.survey = wide
      ? { layout: 'wide', items: draft.items }
      : { layout: 'long', ...(draft.columns.item ? { item: draft.columns.item } : {}), ...(draft.columns.score ? { score: draft.columns.score } : {}) };
  }
  const min = Number(draft.scaleMin);
  const max = Number(draft.scaleMax);
  if (draft.scaleMin.trim() !== '' && draft.scaleMax.trim() !== '' && Number.isFinite(min) && Number.isFinite(max) && min < max) mapping.scale = { min, max };
  return mapping;
}

/** A saved template applied to this file: only the columns the file has are taken. */
export function applyTemplate(draft: MappingDraft, ins: FileInspection, m: ColumnMapping): MappingDraft {
  const has = new Set(ins.columns);
  const columns = { ...draft.columns };
  for (const [field, col] of Object.entries(m.columns ?? {})) if (field in columns && has.has(col)) columns[field] = col;
  const dateFormats = { ...draft.dateFormats };
  for (const [col, fmt] of Object.entries(m.dateFormats ?? {})) dateFormats[col] = fmt;
  if (m.dateFormat) for (const col of Object.values(columns)) if (col && ins.dates.some((d) => d.column === col)) dateFormats[col] = m.dateFormat;
  const values = { ...draft.values };
  for (const [field, labels] of Object.entries(m.values ?? {})) {
    values[field] = { ...(values[field] ?? {}), ...Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])) };
  }
  const roles = { ...draft.roles, ...(m.roles ?? {}) };
  const next: MappingDraft = { ...draft, columns, dateFormats, values, roles };
  if (m.headerRowsToSkip !== undefined) next.headerRowsToSkip = m.headerRowsToSkip;
  if (m.scale) {
    next.scaleMin = String(m.scale.min);
    next.scaleMax = String(m.scale.max);
  }
  if (m.survey?.layout === 'wide') {
    next.surveyLayout = 'wide';
    if (m.survey.items?.length) next.items = m.survey.items.filter((c) => has.has(c));
  } else if (m.survey?.layout === 'long') {
    next.surveyLayout = 'long';
    if (m.survey.item && has.has(m.survey.item)) columns.item = m.survey.item;
    if (m.survey.score && has.has(m.survey.score)) columns.score = m.survey.score;
  }
  return next;
}

/** What must be settled before a check or an import, as sentences. */
export function blockers(draft: MappingDraft, ins: FileInspection): string[] {
  const out: string[] = [];
  const fromLayout = layoutFields(draft, ins);
  const wide = fromLayout.length > 0;
  for (const f of ins.fields) {
    if (!f.required || draft.columns[f.name]) continue;
    if (fromLayout.includes(f.name)) continue;
    out.push(`Choose the column for ${f.name}.`);
  }
  if (wide && draft.items.length === 0) out.push('Choose at least one survey item column.');
  for (const d of ins.dates) {
    if (!d.ambiguous || draft.dateFormats[d.column]) continue;
    if (!Object.values(draft.columns).includes(d.column)) continue;
    out.push(`Choose the date format of “${d.column}” (its dates read both as month/day and as day/month).`);
  }
  return out;
}
