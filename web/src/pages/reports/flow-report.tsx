import { ScrollRegion } from '../../charts/scroll-region';
import { useQuery } from 'urql';
import { BarChart } from '../../charts/bar-chart';
import { StackedArea } from '../../charts/stacked-area';
import { day, duration, points } from '../../format';
import type { FlowReportPageQuery } from '../../gql/graphql';
import { FlowReportQuery } from './reports-queries';

type Flow = FlowReportPageQuery['flowReport'];
type Percentiles = Flow['cycleTime'];

/** Bottom band first: done work settles at the bottom of the diagram. */
const CATEGORIES = ['DONE', 'REVIEW', 'IN_PROGRESS', 'TODO', 'BACKLOG', 'TRIAGE'];
const label = (category: string) => category.toLowerCase().replace('_', ' ');

/** Throughput, cycle and lead times, alert response, cumulative flow and WIP over the period. */
export function FlowReport({ teamId, from, to }: { teamId: string; from: string; to: string }) {
  const [{ data, error, fetching }] = useQuery({
    query: FlowReportQuery,
    variables: { teamId, from, to },
    requestPolicy: 'cache-and-network',
  });
  const flow = data?.flowReport;
  return (
    <section className="section-card" aria-labelledby="flow-title">
      <h2 id="flow-title">Flow</h2>
      {error && (
        <p className="notice notice-error" role="alert">
          {error.message}
        </p>
      )}
      {fetching && !flow && <p role="status">Loading…</p>}
      {flow && <FlowBody flow={flow} />}
    </section>
  );
}

function FlowBody({ flow }: { flow: Flow }) {
  const present = CATEGORIES.filter((c) =>
    flow.cumulativeFlow.some((d) => d.categories.some((x) => x.category === c)),
  );
  return (
    <>
      <h3>Throughput per week</h3>
      <BarChart
        title="Cards and points completed per week"
        format={points}
        series={[
          { label: 'Cards', className: 'series-a' },
          { label: 'Points', className: 'series-b' },
        ]}
        groups={flow.throughput.map((w) => ({
          label: day(w.weekStart).replace(/ \d{4}$/, ''),
          values: [w.completed, w.completedPoints],
        }))}
      />
      <h3>Times</h3>
      <ScrollRegion label="Cycle and lead times">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Cards</th>
              <th scope="col">Median</th>
              <th scope="col">85th percentile</th>
            </tr>
          </thead>
          <tbody>
            <TimeRow name="Cycle time (started → done)" times={flow.cycleTime} />
            <TimeRow name="Lead time (created → done)" times={flow.leadTime} />
            {flow.alertCards.map((a) => (
              <TimeRow
                key={`start-${a.severity}`}
                name={`${a.severity} alert: to start`}
                times={a.timeToStart}
              />
            ))}
            {flow.alertCards.map((a) => (
              <TimeRow
                key={`done-${a.severity}`}
                name={`${a.severity} alert: to done`}
                times={a.timeToDone}
              />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h3>Cumulative flow</h3>
      <StackedArea
        title="Cards per column category, day by day"
        bands={present.map((c) => ({ label: label(c), className: `band-${c.toLowerCase()}` }))}
        days={flow.cumulativeFlow.map((d) => ({
          label: day(d.date),
          values: present.map((c) => d.categories.find((x) => x.category === c)?.cards ?? 0),
        }))}
      />
      <h3>Work in progress now</h3>
      <ScrollRegion label="Work in progress by column">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Category</th>
              <th scope="col">Cards</th>
              <th scope="col">WIP limit</th>
            </tr>
          </thead>
          <tbody>
            {flow.wip.map((c) => (
              <tr key={c.columnId} className={c.overLimit ? 'over-capacity' : undefined}>
                <th scope="row">
                  {c.column} <span className="muted small">{c.board}</span>
                </th>
                <td>{label(c.category)}</td>
                <td>
                  {c.cards}
                  {c.overLimit && <span className="over-badge">over limit</span>}
                </td>
                <td>{c.wipLimit ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

function TimeRow({ name, times }: { name: string; times: Percentiles }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{times.count}</td>
      <td>{duration(times.p50Hours)}</td>
      <td>{duration(times.p85Hours)}</td>
    </tr>
  );
}
