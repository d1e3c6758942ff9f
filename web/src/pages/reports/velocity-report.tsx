import { ScrollRegion } from '../../charts/scroll-region';
import { useQuery } from 'urql';
import { BarChart } from '../../charts/bar-chart';
import { percent, points } from '../../format';
import { VelocityReportQuery } from './reports-queries';

const share = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : percent(value * 100);

/** The last closed sprints: committed, completed and production work, averages and a forecast. */
export function VelocityReport({ teamId }: { teamId: string }) {
  const [{ data, error, fetching }] = useQuery({
    query: VelocityReportQuery,
    variables: { teamId, lastSprints: 6 },
    requestPolicy: 'cache-and-network',
  });
  const report = data?.velocityReport;
  return (
    <section className="section-card" aria-labelledby="velocity-title">
      <h2 id="velocity-title">Velocity</h2>
      {error && (
        <p className="notice notice-error" role="alert">
          {error.message}
        </p>
      )}
      {fetching && !report && <p role="status">Loading…</p>}
      {report && report.sprints.length === 0 && (
        <p className="muted">No sprint has been closed yet.</p>
      )}
      {report && report.sprints.length > 0 && (
        <>
          <BarChart
            title={`Committed, completed and unplanned production points over the last ${report.sprints.length} sprints`}
            format={points}
            series={[
              { label: 'Committed', className: 'series-a' },
              { label: 'Completed', className: 'series-b' },
              { label: 'Production work', className: 'series-c' },
            ]}
            groups={report.sprints.map((s) => ({
              label: s.name,
              values: [s.committedPoints, s.completedPoints, s.unplannedProductionPoints],
            }))}
          />
          <ScrollRegion label="Velocity by sprint">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Sprint</th>
                  <th scope="col">Capacity</th>
                  <th scope="col">Committed</th>
                  <th scope="col">Completed</th>
                  <th scope="col">Reserve</th>
                  <th scope="col">Production work</th>
                  <th scope="col">Reserve used</th>
                </tr>
              </thead>
              <tbody>
                {report.sprints.map((s) => (
                  <tr key={s.sprintId} data-sprint={s.sprintId}>
                    <th scope="row">{s.name}</th>
                    <td>{points(s.capacityPoints)}</td>
                    <td data-figure="committedPoints">{points(s.committedPoints)}</td>
                    <td data-figure="completedPoints">{points(s.completedPoints)}</td>
                    <td>{points(s.reservedPoints)}</td>
                    <td>{points(s.unplannedProductionPoints)}</td>
                    <td>{share(s.reserveUsedShare)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Average</th>
                  <td />
                  <td>{points(report.averages.committedPoints)}</td>
                  <td>{points(report.averages.completedPoints)}</td>
                  <td>{points(report.averages.reservedPoints)}</td>
                  <td>{points(report.averages.unplannedProductionPoints)}</td>
                  <td>{share(report.averages.reserveUsedShare)}</td>
                </tr>
              </tfoot>
            </table>
          </ScrollRegion>
          <p className="small">
            Completion rate {share(report.averages.completionRate)}. Forecast for the next sprint:{' '}
            {points(report.forecast.capacityPoints)} points of capacity,{' '}
            {points(report.forecast.reservedPoints)} reserved,{' '}
            {points(report.forecast.plannablePoints)} plannable, about{' '}
            {points(report.forecast.expectedCompletedPoints)} expected done.
          </p>
        </>
      )}
    </section>
  );
}
