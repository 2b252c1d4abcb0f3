import type { CanonicalTable } from '../../shared/domain';
import { IMPORT_KINDS, KINDS, LOG_TABLE_LABELS } from '../../shared/kinds';

export { formatBytes, formatCount, plural } from '../../shared/format';

/** Each canonical table as the Data page names it. */
export const TABLE_LABELS = {
  ...Object.fromEntries(IMPORT_KINDS.map((k) => [KINDS[k].table, { label: KINDS[k].tableLabel, description: KINDS[k].tableDescription }])),
  ...LOG_TABLE_LABELS,
} as Record<CanonicalTable, { label: string; description: string }>;

