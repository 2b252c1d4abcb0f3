/**
 * Dashboard: the four numbers a leader asks for — who took part, whether they stayed,
 * whether their performance and engagement changed more than their colleagues' — each
 * with its confidence interval, the engine's finding in words and a chart.
 */
import type { AnalysisResult } from '../../../shared/analysis';
import { buildDidSpec } from '../../../shared/charts/did';
import { buildKaplanMeierSpec } from '../../../shared/charts/kaplanMeier';
import { wholePercent } from '../../../shared/format';
import { AnalysisGate } from '../components/AnalysisGate';
import { HeadlineCard } from '../components/HeadlineCard';
import { HowComputed } from '../components/HowComputed';
import { buildParticipantsSpec } from '../charts/participantsSpec';
import { didHeadline, participantsHeadline, retentionHeadline } from '../analysis/headlines';
import { MEASURED, OUTCOMES, measureChart } from '../../../shared/outcomes';

export function DashboardPage() {
  return <AnalysisGate>{(result) => <Dashboard result={result} />}</AnalysisGate>;
}

function Dashboard({ result }: { result: AnalysisResult }) {
  const config = result.config;
  const chartConfig = { minGroupSize: config.minGroupSize, confidence: config.confidence };
  const participants = participantsHeadline(result);
  const retention = retentionHeadline(result);
  const measured = MEASURED.map((m) => ({ m, headline: didHeadline(result, m.key), outcome: result.outcomes[m.key] }));
  const retentionOutcome = result.outcomes.retention;
  const ret = OUTCOMES.retention.card;
  const comparisonByCohort = result.byCohort ? Object.fromEntries(result.byCohort.map((c) => [c.cohort, c.comparison])) : undefined;

  return (
    <div className="stack">
      <div className="headline-grid">
        <HeadlineCard
          id="participants"
          label="Participants"
          headline={participants}
          more={{ page: 'cohorts', text: 'Results by cohort' }}
          chart={{ name: 'participants-by-cohort', config: chartConfig, build: (o) => buildParticipantsSpec({ cohorts: result.population.cohorts, comparisonByCohort }, o) }}
        />
        <HeadlineCard
          id="retention"
          label={ret.label}
          headline={retention}
          more={ret.more}
          chart={
            retentionOutcome && {
              name: 'retention-kaplan-meier',
              config: chartConfig,
              overhead: 170,
              build: (o) => buildKaplanMeierSpec(retentionOutcome, { ...o, title: ret.chartTitle, subtitle: [] }),
            }
          }
        />
        {measured.map(({ m, headline, outcome }) => (
          <HeadlineCard
            key={m.key}
            id={m.key}
            label={m.card.label}
            headline={headline}
            more={m.card.more}
            chart={
              outcome && {
                name: `${m.key}-difference-in-differences`,
                config: chartConfig,
                build: (o) => buildDidSpec(outcome, { ...o, ...measureChart(m, config), title: m.card.chartTitle, subtitle: [] }),
              }
            }
          />
        ))}
      </div>
      <p className="callout">
        <strong>Read with care:</strong> people chose to join the program, so differences between participants and their colleagues need not be caused by it. The
        change-versus-comparison numbers (difference-in-differences) remove differences that were there before the start, not those that arose for other reasons.
      </p>
      <HowComputed
        items={[
          { title: 'Participants and comparison group', method: participants.method },
          { title: ret.howTitle, method: retention.method, caveats: retention.caveats },
          ...measured.map(({ m, headline }) => ({ title: m.card.howTitle, method: headline.method, caveats: headline.caveats })),
        ]}
        extra={[`Intervals are ${wholePercent(config.confidence)} confidence intervals. Groups with fewer than ${config.minGroupSize} people are not shown anywhere.`]}
      />
    </div>
  );
}
