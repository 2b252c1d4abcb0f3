import type { TopLevelSpec } from 'vega-lite';

/** The text of a spec's title (joined lines), for accessible names and file names. */
export function specTitle(spec: TopLevelSpec): string {
  const t: unknown = (spec as { title?: unknown }).title;
  const text = typeof t === 'string' || Array.isArray(t) ? t : t && typeof t === 'object' ? (t as { text?: unknown }).text : '';
  return (Array.isArray(text) ? text.join(' ') : typeof text === 'string' ? text : '').trim();
}
