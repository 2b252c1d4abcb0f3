/**
 * Plan: for every canonical field the file or the mapping gives, its SQL before and after
 * parsing and the ordered checks that reject a row; for the other columns, the attribute
 * each is kept as. Plans are SQL text only: the check and write stages run them.
 */
import type { ImportKind } from '../../../shared/domain';
import { KINDS, ROLE_WORDS, TRACE_COLUMNS, dateFormatPattern } from '../../../shared/kinds';
import type { FieldDeclaration } from '../../../shared/kinds';
import { quoteLiteral } from '../db';
import { KIND_RULES } from '../kinds';
import type { FieldPlan } from '../kinds/rules';
import { checkDateFormat, detectDateFormats, parseDateSql } from './dateFormats';
import type { Runner } from './stage';
import { PLAIN } from './stage';
import type { ImportMapping } from './types';

export type { FieldPlan };

/** Without a mapping scale, scores and ratings outside this range are taken for data errors. */
const DEFAULT_SCALE = { min: 0, max: 100 };

/** A source column kept as a text attribute of the table. */
export interface Extra {
  source: string;
  name: string;
}

/** Where each planned field's value comes from. */
export interface FieldSources {
  matched: Map<string, string>;
  constants: Map<string, string>;
  /** SQL of a source column's value (trimmed where the check pass found padding). */
  clean(header: string): string;
}

export function numberSql(v: string, decimalComma: boolean): string {
  return decimalComma ? `TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)` : `TRY_CAST(${v} AS DOUBLE)`;
}

/** The field's value before parsing. */
function rawSql(field: string, { matched, constants, clean }: FieldSources): string {
  if (constants.has(field)) return quoteLiteral(constants.get(field)!.trim());
  const source = matched.get(field)!;
  if (source === '__mi_item' || source === '__mi_score') return source;
  return clean(source);
}

/** Source column → date format: the mapping's per-column choice, then its one format, then detected over the whole file. */
export async function dateFormats(run: Runner, specs: readonly FieldDeclaration[], mapping: ImportMapping, sources: FieldSources): Promise<Map<string, string>> {
  const { matched } = sources;
  const dateFields = specs.filter((s) => s.type === 'date' && matched.has(s.name));
  const fixed = new Map<string, string>();
  for (const s of dateFields) {
    const col = matched.get(s.name)!;
    const fmt = mapping.dateFormats?.[col] ?? mapping.dateFormat;
    if (fmt) {
      await checkDateFormat(run.conn, run.fileName, col, fmt);
      fixed.set(col, fmt);
    }
  }
  const toDetect = dateFields.filter((s) => !fixed.has(matched.get(s.name)!));
  const detected = toDetect.length
    ? await run.guard(() => detectDateFormats(run.conn, PLAIN, run.fileName, toDetect.map((s) => ({ name: matched.get(s.name)!, expr: rawSql(s.name, sources) }))))
    : new Map<string, string>();
  return new Map(dateFields.map((s) => matched.get(s.name)!).map((col) => [col, fixed.get(col) ?? detected.get(col)!]));
}

interface PlanContext {
  dateFormat?: string;
  labels?: Record<string, number>;
  decimalComma: boolean;
  scale?: { min: number; max: number };
  /** Extra role words (mapping.roles), lower-cased. */
  roles?: Record<string, 'mentee' | 'mentor'>;
}

function planField(spec: FieldDeclaration, source: string, raw: string, ctx: PlanContext): FieldPlan {
  let parsed = raw;
  const checks: [string, string][] = [];
  if (spec.required) checks.push([`${raw} IS NULL`, `missing ${spec.name}`]);
  switch (spec.type) {
    case 'date':
      parsed = parseDateSql(raw, ctx.dateFormat ?? 'iso');
      checks.push([`${raw} IS NOT NULL AND ${parsed} IS NULL`, `unparseable date (expected ${dateFormatPattern(ctx.dateFormat ?? 'iso')})`]);
      break;
    case 'number': {
      const numeric = numberSql(raw, ctx.decimalComma);
      const labels = Object.entries(ctx.labels ?? {});
      parsed = labels.length
        ? `CASE lower(${raw}) ${labels.map(([k, v]) => `WHEN ${quoteLiteral(k.trim().toLowerCase())} THEN ${Number(v)}`).join(' ')} ELSE ${numeric} END`
        : numeric;
      checks.push([
        `${raw} IS NOT NULL AND (${parsed} IS NULL OR NOT isfinite(${parsed}))`,
        labels.length ? `unknown label (not in the mapping's values for ${spec.name}) and not a number` : 'not a number',
      ]);
      // Underflow: 1e-400 reads as 0 (and 1e-310 as an imprecise subnormal); a value too small
      // to store is refused, not turned into another number. A label is not a written number.
      const isLabel = labels.length ? `lower(${raw}) IN (${labels.map(([k]) => quoteLiteral(k.trim().toLowerCase())).join(', ')})` : 'false';
      checks.push([
        `${raw} IS NOT NULL AND NOT ${isLabel} AND coalesce((${numeric} = 0 AND regexp_matches(${raw}, '^[^eE]*[1-9]')) OR (${numeric} <> 0 AND abs(${numeric}) < 2.2250738585072014e-308), false)`,
        'number too small to store (it would read as 0)',
      ]);
      if (spec.scaled) {
        const scale = ctx.scale ?? DEFAULT_SCALE;
        checks.push([
          `coalesce(${parsed} < ${scale.min} OR ${parsed} > ${scale.max}, false)`,
          ctx.scale ? `${spec.name} outside the scale ${scale.min}–${scale.max}` : `${spec.name} outside ${scale.min}–${scale.max} (set the mapping's scale if that is right)`,
        ]);
      }
      break;
    }
    case 'role':
      parsed = `CASE lower(${raw}) ${Object.entries({ ...ROLE_WORDS, ...ctx.roles }).map(([k, v]) => `WHEN ${quoteLiteral(k)} THEN ${quoteLiteral(v)}`).join(' ')} END`;
      checks.push([`${raw} IS NOT NULL AND ${parsed} IS NULL`, 'unknown role (expected mentee or mentor)']);
      break;
    default:
      break;
  }
  return { spec, source, raw, parsed, checks };
}

/** The plans of the kind's fields the file or mapping gives, with the kind's own rules applied. */
export function planFields(kind: ImportKind, mapping: ImportMapping, sources: FieldSources, formats: Map<string, string>, decimalComma: boolean): FieldPlan[] {
  const { matched, constants } = sources;
  const roles = mapping.roles ? Object.fromEntries(Object.entries(mapping.roles).map(([k, v]) => [k.trim().toLowerCase(), v])) : undefined;
  const plans = KINDS[kind].fields
    .filter((s) => matched.has(s.name) || constants.has(s.name))
    .map((s) =>
      planField(s, constants.has(s.name) ? '' : matched.get(s.name)!, rawSql(s.name, sources), {
        dateFormat: constants.has(s.name) ? 'iso' : formats.get(matched.get(s.name)!),
        labels: mapping.values?.[s.name],
        roles,
        decimalComma,
        scale: s.scaled ? mapping.scale : undefined,
      }),
    );
  KIND_RULES[kind].plan?.(plans);
  return plans;
}

function toAttributeName(header: string, taken: Set<string>): string | null {
  const base = header.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!base) return null;
  let name = /^[a-z_]/.test(base) ? base : `x_${base}`;
  if (name.startsWith('__mi')) name = name.replace(/^_+/, '');
  for (let k = 2; taken.has(name); k++) name = `${/^[a-z_]/.test(base) ? base : `x_${base}`}_${k}`;
  taken.add(name);
  return name;
}

/** The columns no field or item uses, each named as an attribute column that clashes with no canonical one. */
export function extraColumns(kind: ImportKind, headers: string[], used: Set<string>): Extra[] {
  const taken = new Set([...KINDS[kind].fields.map((s) => s.name), ...TRACE_COLUMNS]);
  return headers
    .filter((h) => !used.has(h))
    .map((h) => ({ source: h, name: toAttributeName(h, taken) }))
    .filter((e): e is Extra => e.name !== null);
}
