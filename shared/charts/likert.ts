/**
 * Diverging stacked bars for Likert items: one bar per item (or two, before and
 * after, for participants), the unfavourable levels left of zero, the
 * favourable ones right, the middle level split across zero, and the top-2-box
 * (favourable) share written at the end of each bar.
 *
 * Reverse-coded items are drawn in favourable orientation (answer levels
 * flipped, so right is always better) and say so in their label; tooltips give
 * the answer as given. Items or periods below minGroupSize read "fewer than N
 * answers" instead of a bar.
 *
 * Withheld levels (fewer than minGroupSize answers, or withheld with one that
 * is) are drawn together as one grey "fewer than N" segment of width
 * 1 − Σ shown shares, so every bar still spans 100%. As the withheld answers
 * could lie on either side, the segment sits at the diverging centre: right
 * after the middle level (odd scales) or between the two sides (even scales),
 * and the middle level plus the withheld segment straddle zero together.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LikertDistribution, LikertItem } from '../analysis';
import { frame, messageSpec, noData, resolve, tip, title } from './common';
import { fewerThan, fixed, integer, isNum, percent } from '../format';
import type { ChartOptions, ChartTable, TableCell } from './types';

export type LikertPeriod = 'all' | 'before' | 'after' | 'beforeAfter';

export interface LikertOptions extends ChartOptions {
  /** Which answers [beforeAfter when any item has participants' before/after answers, else all]. */
  period?: LikertPeriod;
  /** Labels of the raw levels, lowest first [Strongly disagree … Strongly agree for 5 levels]. */
  levelLabels?: string[];
  /** Order of the items [top2: most favourable first; given: as in the survey]. */
  sort?: 'top2' | 'given';
  /** Item code → question text for the axis. */
  itemLabels?: Record<string, string>;
  /** Holm-adjusted p below which a before/after change counts as clear [0.05]. */
  alpha?: number;
}

const FIVE = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
const PERIOD_LABEL: Record<Exclude<LikertPeriod, 'beforeAfter'>, string> = { all: 'All answers', before: 'Before', after: 'After' };

/** k colours spread evenly along the (hex) colour ramp `ramp`, linearly interpolated. */
function spread(ramp: readonly string[], k: number): string[] {
  const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const hex = (c: number[]) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  return Array.from({ length: k }, (_, i) => {
    const t = k === 1 ? 0.5 : (i / (k - 1)) * (ramp.length - 1);
    const a = Math.min(Math.floor(t), ramp.length - 2);
    const f = t - a;
    const ca = rgb(ramp[a]!);
    const cb = rgb(ramp[a + 1]!);
    return hex(ca.map((v, j) => v + (cb[j]! - v) * f));
  });
}

interface Row {
  item: LikertItem;
  label: string;
  period: Exclude<LikertPeriod, 'beforeAfter'>;
  dist: LikertDistribution;
  state: 'ok' | 'suppressed' | 'missing';
}

/** Items a Likert chart draws at most: past a few dozen bars a chart says nothing (and Vega's expression parser overflows its stack near 10,000). */
export const LIKERT_CHART_MAX_ITEMS = 40;

/**
 * The `max` items with most answers (all periods), in their original order; ties go to the
 * earlier item. Tables list every item; charts draw these.
 */
export function mostAnsweredItems<T extends LikertItem>(items: readonly T[], max = LIKERT_CHART_MAX_ITEMS): T[] {
  if (items.length <= max) return [...items];
  const answers = (it: LikertItem) => (isNum(it.all?.n) ? it.all.n : -1);
  const keep = new Set(
    items
      .map((it, i) => ({ i, n: answers(it) }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .slice(0, max)
      .map((x) => x.i),
  );
  return items.filter((_, i) => keep.has(i));
}

export function buildLikertSpec(items: readonly LikertItem[] | null | undefined, options: LikertOptions = {}): TopLevelSpec {
  const r = resolve(options);
  const few = fewerThan(r.minGroupSize);
  const list = items ?? [];
  const hasBeforeAfter = list.some((it) => it.before?.levels?.length || it.after?.levels?.length);
  const period: LikertPeriod = options.period ?? (hasBeforeAfter ? 'beforeAfter' : 'all');
  const periods: Exclude<LikertPeriod, 'beforeAfter'>[] = period === 'beforeAfter' ? ['before', 'after'] : [period];

  // Levels: raw scale values, taken from the first distribution that lists them.
  const rawLevels = list.flatMap((it) => [it.all, it.before, it.after]).find((d) => d?.levels?.length)?.levels?.map((l) => l.level) ?? [];
  const K = rawLevels.length;
  const lo = Math.min(...rawLevels);
  const hi = Math.max(...rawLevels);
  const levelLabels = options.levelLabels ?? (K === 5 ? FIVE : rawLevels.map(String));
  const labelOf = (raw: number) => levelLabels[rawLevels.indexOf(raw)] ?? String(raw);

  const itemLabel = (it: LikertItem) => `${options.itemLabels?.[it.item] ?? it.item}${it.reversed ? ' (reversed)' : ''}`;
  const state = (it: LikertItem, d: LikertDistribution | undefined): Row['state'] => {
    if (!d) return 'missing';
    if (it.suppressed || d.suppressed || (isNum(d.n) && d.n < r.minGroupSize)) return 'suppressed';
    return d.levels?.length && isNum(d.n) && d.n > 0 ? 'ok' : 'missing';
  };
  let rows: Row[] = list.flatMap((it) => periods.map((p) => ({ item: it, label: itemLabel(it), period: p, dist: it[p], state: state(it, it[p]) })));
  if ((options.sort ?? 'top2') === 'top2') {
    const key = (it: LikertItem) => {
      const d = period === 'beforeAfter' ? it.after : it[period];
      return state(it, d) === 'ok' && isNum(d.top2Box) ? d.top2Box : -1;
    };
    const order = [...list].sort((a, b) => key(b) - key(a)).map((it) => it.item);
    rows = [...rows].sort((a, b) => order.indexOf(a.item.item) - order.indexOf(b.item.item));
  }
  const itemOrder = [...new Set(rows.map((x) => x.label))];

  const table: ChartTable = {
    caption: 'Answers per survey item: share at each level, top-2-box (favourable) share and mean',
    columns: [
      { key: 'item', title: 'Item', format: 'text' },
      { key: 'period', title: 'Answers', format: 'text' },
      { key: 'n', title: 'n (answers)', format: 'integer' },
      ...rawLevels.map((l) => ({ key: `level${l}`, title: `${labelOf(l)} (${l})`, format: 'percent' as const })),
      { key: 'top2', title: 'Top-2-box (favourable)', format: 'percent' },
      { key: 'mean', title: 'Mean (reverse-coded)', format: 'number' },
    ],
    rows: rows.map((row): Record<string, TableCell> => {
      const base: Record<string, TableCell> = { item: row.label, period: PERIOD_LABEL[row.period] };
      if (row.state !== 'ok') {
        return { ...base, n: row.state === 'suppressed' ? few : null, ...Object.fromEntries(rawLevels.map((l) => [`level${l}`, null])), top2: null, mean: null };
      }
      const d = row.dist;
      return {
        ...base,
        n: d.n,
        ...Object.fromEntries(
          rawLevels.map((l) => {
            const lvl = d.levels!.find((x) => x.level === l);
            return [`level${l}`, lvl?.suppressed || (lvl && lvl.share === null) ? few : (lvl?.share ?? 0)];
          }),
        ),
        top2: d.top2Box,
        mean: d.mean,
      };
    }),
  };

  const heading = 'Survey items: share of favourable answers';
  if (!rows.length || !K || rows.every((x) => x.state === 'missing')) {
    return noData(heading, 'No data: import survey responses with item scores to see the items.', options, table);
  }
  if (!rows.some((x) => x.state === 'ok')) {
    return messageSpec(heading, `Not shown to protect privacy: ${few} answers per item.`, options, table, 'suppressed');
  }

  // Segments in favourable orientation: display level = raw, or flipped for reversed items.
  const mid = (lo + hi) / 2;
  const displayLabels = rawLevels.map(labelOf);
  const withheldLabel = `Withheld (${few} answers)`;
  const isWithheld = (l: { share: number | null; suppressed?: boolean } | undefined) => !!l && (l.suppressed === true || l.share === null);
  const anyWithheld = rows.some((x) => x.state === 'ok' && x.dist.levels!.some(isWithheld));
  const segments = rows
    .filter((x) => x.state === 'ok')
    .flatMap((row) => {
      const d = row.dist;
      const all = rawLevels.map((raw) => {
        const shown = row.item.reversed ? lo + hi - raw : raw;
        const lvl = d.levels!.find((x) => x.level === raw);
        return { raw, shown, withheld: isWithheld(lvl), share: lvl?.share ?? 0, count: lvl?.count ?? 0 };
      });
      all.sort((a, b) => a.shown - b.shown);
      const shares = all.filter((x) => !x.withheld);
      const withheld = all.filter((x) => x.withheld);
      // One segment for all withheld levels: whatever the shown levels leave of 100%.
      const w = withheld.length ? Math.max(0, 1 - shares.reduce((s, x) => s + x.share, 0)) : 0;
      const midShare = shares.filter((x) => x.shown === mid).reduce((s, x) => s + x.share, 0);
      const leftTotal = shares.reduce((s, x) => s + (x.shown < mid ? x.share : 0), 0) + (midShare + w) / 2;
      let x0 = -leftTotal;
      const common = {
        item: row.label,
        period: PERIOD_LABEL[row.period],
        tItem: row.label,
        tPeriod: PERIOD_LABEL[row.period],
        tN: integer(d.n),
        tTop2: percent(d.top2Box),
        tMean: fixed(d.mean, 2),
      };
      const withheldSeg = () => {
        const seg = {
          ...common,
          level: withheldLabel,
          x0,
          x1: x0 + w,
          tAnswer: `${withheld.map((s) => `${labelOf(s.raw)} (${s.raw})`).join(', ')}: withheld`,
          tShare: `${percent(w)} together (${few} answers at a level, or withheld with one that is)`,
          tCount: few,
        };
        x0 += w;
        return seg;
      };
      const out: ReturnType<typeof withheldSeg>[] = [];
      let placed = !withheld.length;
      for (const s of shares) {
        if (!placed && s.shown > mid) {
          out.push(withheldSeg());
          placed = true;
        }
        const seg = {
          ...common,
          level: displayLabels[rawLevels.indexOf(s.shown)] ?? String(s.shown),
          x0,
          x1: x0 + s.share,
          tAnswer: `${labelOf(s.raw)} (${s.raw})${row.item.reversed ? `, counts as ${s.shown} (reverse-coded)` : ''}`,
          tShare: percent(s.share),
          tCount: integer(s.count),
        };
        x0 += s.share;
        out.push(seg);
      }
      if (!placed) out.push(withheldSeg());
      return out;
    });
  const top2Rows = rows
    .filter((x) => x.state === 'ok')
    .map((row) => ({
      item: row.label,
      period: PERIOD_LABEL[row.period],
      label: `${period === 'beforeAfter' ? `${PERIOD_LABEL[row.period].toLowerCase()} ` : ''}${percent(row.dist.top2Box, 0)}`,
      tItem: row.label,
      tPeriod: PERIOD_LABEL[row.period],
      tTop2: percent(row.dist.top2Box),
      tN: integer(row.dist.n),
      tMean: fixed(row.dist.mean, 2),
    }));
  const hidden = rows
    .filter((x) => x.state !== 'ok')
    .map((row) => ({
      item: row.label,
      period: PERIOD_LABEL[row.period],
      message: `${period === 'beforeAfter' ? `${PERIOD_LABEL[row.period]}: ` : ''}${row.state === 'suppressed' ? `${few} answers (not shown)` : 'no answers'}`,
    }));

  // Title: in before/after mode, how many items clearly changed (Holm-adjusted).
  const alpha = options.alpha ?? 0.05;
  const tested = list.filter((it) => isNum(it.pHolm) && isNum(it.beforeAfter?.meanDiff));
  const up = tested.filter((it) => it.pHolm! < alpha && it.beforeAfter.meanDiff! > 0).length;
  const down = tested.filter((it) => it.pHolm! < alpha && it.beforeAfter.meanDiff! < 0).length;
  let heading1 = heading;
  let subtitle: string[];
  if (period === 'beforeAfter') {
    heading1 = tested.length
      ? up || down
        ? `Participants answered more favourably after joining on ${up} of ${tested.length} items${down ? `, less favourably on ${down}` : ''}`
        : `No item changed clearly after joining (${tested.length} items tested)`
      : `Participants' answers per item, before and after joining`;
    subtitle = [`Share of answers at each level, before (upper bar) and after (lower bar); labels: top-2-box (favourable) share. "Clearly": paired t-test, Holm-adjusted p < ${alpha}.`];
    if (list.some((it) => it.reversed)) subtitle.push('Reversed items are flipped so that right is always favourable.');
  } else {
    const ok = rows.filter((x) => x.state === 'ok' && isNum(x.dist.top2Box));
    const best = ok.reduce<Row | undefined>((b, x) => (!b || x.dist.top2Box! > b.dist.top2Box! ? x : b), undefined);
    const worst = ok.reduce<Row | undefined>((w, x) => (!w || x.dist.top2Box! < w.dist.top2Box! ? x : w), undefined);
    if (best && worst && best !== worst) heading1 = `Most favourable: ${best.label} (${percent(best.dist.top2Box, 0)}); least: ${worst.label} (${percent(worst.dist.top2Box, 0)})`;
    subtitle = [`Share of answers at each level (${PERIOD_LABEL[period as Exclude<LikertPeriod, 'beforeAfter'>].toLowerCase()}); labels: top-2-box (favourable) share.`];
    if (list.some((it) => it.reversed)) subtitle.push('Reversed items are flipped so that right is always favourable.');
  }

  if (anyWithheld) subtitle.push(`Withheld: levels with ${few} answers (or withheld with one that is), drawn as one segment at the centre.`);
  const colors = K === 5 ? [...r.pal.likert] : undefined;
  const domain = anyWithheld ? [...displayLabels, withheldLabel] : displayLabels;
  const color = {
    field: 'level',
    type: 'ordinal' as const,
    title: null,
    sort: domain,
    scale: colors
      ? { domain, range: anyWithheld ? [...colors, r.pal.neutral] : colors }
      : anyWithheld
        ? { domain, range: [...spread(r.pal.likert, K), r.pal.neutral] }
        : { domain, scheme: 'brownbluegreen' },
    legend: { orient: 'top' as const, direction: 'horizontal' as const, symbolType: 'square', columns: Math.min(domain.length, anyWithheld ? 6 : 5), labelLimit: 0 },
  };
  const y = { field: 'item', type: 'nominal' as const, sort: itemOrder, title: null, axis: { labelFontSize: 12, labelColor: r.pal.text, labelLimit: 280 } };
  const yOffset = period === 'beforeAfter' ? { yOffset: { field: 'period', type: 'nominal' as const, sort: ['Before', 'After'], scale: { paddingInner: 0.15 } } } : {};
  const tooltip = [tip('tItem', 'Item'), tip('tPeriod', 'Answers'), tip('tAnswer', 'Answer'), tip('tShare', 'Share'), tip('tCount', 'Count'), tip('tN', 'n (answers)'), tip('tTop2', 'Top-2-box'), tip('tMean', 'Mean (reverse-coded)')];
  const step = period === 'beforeAfter' ? 46 : 28;
  // The axis reaches as far as the bars do on each side, in steps of 25%, so the bars get the room.
  const quarter = (x: number) => Math.min(1, Math.max(0.25, Math.ceil(x * 4 - 1e-9) / 4));
  const xLeft = quarter(Math.max(0, ...segments.map((x) => -x.x0)));
  const xRight = quarter(Math.max(0, ...segments.map((x) => x.x1)));
  const ticks = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1].filter((t) => t >= -xLeft - 1e-9 && t <= xRight + 1e-9);

  return {
    ...frame(r, table),
    title: title(options.title ?? heading1, options.subtitle ?? subtitle, r.width),
    width: r.width,
    height: { step },
    layer: [
      {
        data: { values: segments },
        mark: { type: 'bar', stroke: r.pal.background, strokeWidth: 0.5 },
        encoding: {
          y,
          ...yOffset,
          x: {
            field: 'x0',
            type: 'quantitative',
            title: '← unfavourable · share of answers · favourable →',
            scale: { domain: [-xLeft, xRight], nice: false },
            axis: { values: ticks, labelExpr: "format(abs(datum.value), '.0%')", grid: true },
          },
          x2: { field: 'x1' },
          color,
          tooltip,
        },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: r.pal.text, strokeWidth: 1 },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
      {
        data: { values: top2Rows },
        mark: { type: 'text', align: 'left', x: r.width + 8, fontSize: 11, fontWeight: 600, color: r.pal.text },
        encoding: { y, ...yOffset, text: { field: 'label', type: 'nominal' }, tooltip: [tip('tItem', 'Item'), tip('tPeriod', 'Answers'), tip('tTop2', 'Top-2-box'), tip('tN', 'n (answers)'), tip('tMean', 'Mean (reverse-coded)')] },
      },
      ...(hidden.length
        ? [
            {
              data: { values: hidden },
              mark: { type: 'text' as const, align: 'left' as const, x: 4, fontStyle: 'italic', fontSize: 11, color: r.pal.muted },
              encoding: { y, ...yOffset, text: { field: 'message', type: 'nominal' as const }, tooltip: [tip('item', 'Item'), tip('message', 'Not shown')] },
            },
          ]
        : []),
    ],
  };
}
