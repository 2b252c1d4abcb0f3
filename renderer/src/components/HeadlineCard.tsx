/**
 * One Dashboard headline: the number with its verdict, interval and finding in words, a
 * chart, and a link to the page with the details.
 */
import type { Headline } from '../analysis/headlines';
import { ChartCard } from '../charts/ChartCard';
import type { ChartCardProps } from '../charts/ChartCard';
import { pageHref } from '../router';

export interface HeadlineCardProps {
  /** Names the card's test ids and heading id. */
  id: string;
  label: string;
  headline: Headline;
  /** null when the analysis has no such outcome: the card then shows its words only. */
  chart: ChartCardProps | null;
  more: { page: string; text: string };
}

export function HeadlineCard({ id, label, headline: h, chart, more }: HeadlineCardProps) {
  const tone = h.state === 'ok' ? h.tone : 'none';
  return (
    <article className={`headline-card tone-${tone}`} aria-labelledby={`h-${id}`} data-testid={`card-${id}`}>
      <header className="headline-head">
        <h2 id={`h-${id}`} className="headline-label">
          {label}
        </h2>
        {h.verdict && <span className={`verdict verdict-${tone}`}>{h.verdict}</span>}
      </header>
      <p className="headline-number">
        <span className={`headline-value${h.state === 'ok' ? '' : ' headline-value-muted'}`} data-testid={`headline-${id}`}>
          {h.value}
        </span>{' '}
        {h.state === 'ok' && <span className="headline-unit">{h.unit}</span>}
      </p>
      {h.detail && <p className="headline-detail">{h.detail}</p>}
      {h.ci && <p className="headline-ci">{h.ci}</p>}
      {h.finding && <p className="headline-finding">{h.finding}</p>}
      {h.sample && <p className="headline-sample">{h.sample}</p>}
      <div className="headline-chart">{chart && <ChartCard {...chart} />}</div>
      <a className="more-link" href={pageHref(more.page)}>
        {more.text} →
      </a>
    </article>
  );
}
