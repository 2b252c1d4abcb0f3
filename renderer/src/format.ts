import type { CanonicalTable } from '../../shared/domain';
import { IMPORT_KINDS, KINDS, LOG_TABLE_LABELS } from '../../shared/kinds';
import type { ImportKind } from '../../shared/kinds';

const numberFormat = new Intl.NumberFormat('en-US');

export const formatCount = (n: number): string => numberFormat.format(n);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Each canonical table as the Data page names it. */
export const TABLE_LABELS = {
  ...Object.fromEntries(IMPORT_KINDS.map((k) => [KINDS[k].table, { label: KINDS[k].tableLabel, description: KINDS[k].tableDescription }])),
  ...LOG_TABLE_LABELS,
} as Record<CanonicalTable, { label: string; description: string }>;

/** Each kind as the import's kind chooser names it. */
export const KIND_INFO: Record<ImportKind, { label: string; description: string; columns: string }> = KINDS;
