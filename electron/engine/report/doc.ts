/** Building blocks of the report: numbered figures and tables, notes, and facts about the data. */
import type { TopLevelSpec } from 'vega-lite';
import type { AnalysisConfig, AnalysisResult } from '../../../shared/analysis';
import { renderChartSvg } from './charts';
import { fewerThan } from '../../../shared/format';
import { longDate } from './longDate';
import type { ReportMeta } from './html';
import { escapeHtml } from './print';

/** A table cell: text (escaped), raw HTML, or a suppressed cell ("fewer than N"). */
export type Cell = string | { html: string; span?: number } | { few: true; text?: string } | null;

export interface TableSpec {
  caption: string;
  head: string[];
  /** 'r' right-aligns a column (numbers), 'n' keeps it on one line; default left. */
  align?: ('l' | 'r' | 'n')[];
  rows: Cell[][];
  /** A class per row: 'total', 'group'. */
  rowClass?: (string | undefined)[];
  notes?: string[];
  /** May break across pages (its header row repeats); short tables never break. */
  long?: boolean;
  className?: string;
}

const FEW: Cell = { few: true };

/** Largest figure: the text width of an A4 page (174 mm at 96 px per inch) by 190 mm. */
const MAX_FIGURE_PX = { width: 650, height: 718 };

/** Chart notes written for the screen, reworded for paper. */
function printable(notes: string): string {
  return notes.replace(/ are in the tooltips and the table/g, ' are in the table').replace(/ in the tooltips/g, ' in the table');
}

export class Doc {
  private figures = 0;
  private tables = 0;

  constructor(
    readonly result: AnalysisResult,
    readonly meta: ReportMeta,
  ) {}

  get cfg(): AnalysisConfig {
    return this.result.config;
  }

  /** "fewer than 5" */
  get fewText(): string {
    return fewerThan(this.cfg.minGroupSize);
  }

  /** A suppressed cell. */
  get few(): Cell {
    return FEW;
  }

  /** The HRIS export's as-of date (people without a termination date are followed up to it). */
  asOfDate(): string | null {
    const people = this.meta.dataSources.filter((d) => d.kind === 'people' && d.asOfDate);
    return people.length ? people[people.length - 1]!.asOfDate : null;
  }

  periodFromCohorts(): string {
    const c = this.result.population.cohorts;
    if (!c.length) return 'No cohorts';
    const first = c[0]!;
    const last = c[c.length - 1]!;
    return c.length === 1
      ? `Cohort ${first.cohort}, starting ${longDate(first.startDate)}`
      : `${c.length} cohorts, starting ${longDate(first.startDate)} to ${longDate(last.startDate)}`;
  }

  table(t: TableSpec): string {
    const n = ++this.tables;
    const cls = (i: number) => (t.align?.[i] === 'r' ? ' class="r"' : t.align?.[i] === 'n' ? ' class="n"' : '');
    const cell = (c: Cell, i: number): string => {
      if (c === null || c === undefined) return `<td${cls(i)}>–</td>`;
      if (typeof c === 'string') return `<td${cls(i)}>${escapeHtml(c)}</td>`;
      if ('html' in c) return c.span ? `<td colspan="${c.span}">${c.html}</td>` : `<td${cls(i)}>${c.html}</td>`;
      return `<td class="${t.align?.[i] === 'r' ? 'r ' : ''}few">${escapeHtml(c.text ?? this.fewText)}</td>`;
    };
    const rows = t.rows
      .map((r, k) => `<tr${t.rowClass?.[k] ? ` class="${t.rowClass[k]}"` : ''}>${r.map(cell).join('')}</tr>`)
      .join('\n');
    const notes = t.notes?.length ? `<div class="tnotes">${t.notes.map((x) => `<p>${x}</p>`).join('')}</div>` : '';
    return `<div class="tbl${t.long ? ' long' : ''}">
<table${t.className ? ` class="${t.className}"` : ''}>
<caption><div class="tcap"><span class="lbl">Table ${n}.</span> ${escapeHtml(t.caption)}</div></caption>
<thead><tr>${t.head.map((h, i) => `<th${cls(i)} scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>${notes}
</div>`;
  }

  /**
   * A chart as a numbered figure. The chart's own title (which states its finding) becomes
   * the figure caption and its subtitle the notes below, as text of the page. A spec
   * with nothing to draw ("No data", "Not shown to protect privacy") becomes a note.
   */
  async figure(spec: TopLevelSpec): Promise<string> {
    const plain = JSON.parse(JSON.stringify(spec)) as TopLevelSpec & { title?: unknown; usermeta?: Record<string, unknown>; data?: unknown };
    const state = plain.usermeta?.['state'];
    if (state === 'empty' || state === 'suppressed') {
      const values = (plain.data as { values?: { message?: string | string[] }[] } | undefined)?.values;
      const msg = values?.[0]?.message;
      return this.missing(Array.isArray(msg) ? msg.join(' ') : (msg ?? 'No data.'));
    }
    const t = plain.title as { text?: string | string[]; subtitle?: string | string[] } | string | undefined;
    const lines = (x: string | string[] | undefined) => (Array.isArray(x) ? x.join(' ') : (x ?? ''));
    const caption = typeof t === 'string' ? t : lines(t?.text);
    const notes = typeof t === 'string' ? '' : lines(t?.subtitle);
    delete plain.title;
    const chart = await renderChartSvg(plain);
    const n = ++this.figures;
    // Fit the page: never wider than the text, never so tall that caption and chart cannot share a page.
    const scale = Math.min(1, MAX_FIGURE_PX.width / (chart.width || 1), MAX_FIGURE_PX.height / (chart.height || 1));
    const svg = chart.svg.replace(/^<svg\b/, `<svg role="img" aria-label="${escapeHtml(caption)}"`);
    return `<figure>
<div class="cap"><span class="lbl">Figure ${n}.</span> ${escapeHtml(caption)}</div>
<div class="chart" style="width:${Math.floor(chart.width * scale)}px">${svg}</div>
${notes ? `<figcaption class="notes">${escapeHtml(printable(notes))}</figcaption>` : ''}
</figure>`;
  }

  missing(text: string): string {
    return `<div class="missing-data">${escapeHtml(text)}</div>`;
  }

  note(html: string): string {
    return `<div class="note">${html}</div>`;
  }

  /** Standard chart options from the analysis configuration. */
  chartBase(width = 470) {
    return { minGroupSize: this.cfg.minGroupSize, confidence: this.cfg.confidence, windows: this.cfg, width };
  }
}
