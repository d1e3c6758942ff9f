import { ScrollRegion } from '../../charts/scroll-region';
import { useQuery } from 'urql';
import { percent, points } from '../../format';
import { AlertNoiseQuery } from './reports-queries';

/** The alerts that fired most in the period: what to tune first. */
export function NoiseReport({ teamId, from, to }: { teamId: string; from: string; to: string }) {
  const [{ data, error, fetching }] = useQuery({
    query: AlertNoiseQuery,
    variables: { teamId, from, to },
    requestPolicy: 'cache-and-network',
  });
  const alerts = data?.alertNoiseReport.alerts;
  return (
    <section className="section-card wide" aria-labelledby="noise-title">
      <h2 id="noise-title">Alert noise</h2>
      {error && (
        <p className="notice notice-error" role="alert">
          {error.message}
        </p>
      )}
      {fetching && !alerts && <p role="status">Loading…</p>}
      {alerts?.length === 0 && <p className="muted">No alert fired in this period.</p>}
      {alerts && alerts.length > 0 && (
        <ScrollRegion label="Noisiest alerts">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">Severity</th>
                <th scope="col">Firings</th>
                <th scope="col">Notifications</th>
                <th scope="col">Flaps</th>
                <th scope="col">Cards</th>
                <th scope="col">Median firing</th>
                <th scope="col">Won’t fix</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.alertId} data-alert={a.alertId}>
                  <th scope="row">
                    <span className="noise-name">{a.name}</span>
                    <span className="muted small"> {a.integration}</span>
                    {a.title && <span className="noise-title">{a.title}</span>}
                  </th>
                  <td>{a.severity}</td>
                  <td data-figure="firings">{a.firings}</td>
                  <td>{a.occurrences}</td>
                  <td>{a.flaps}</td>
                  <td>{a.cardsCreated}</td>
                  <td>
                    {a.medianFiringMinutes === null || a.medianFiringMinutes === undefined
                      ? '–'
                      : `${points(a.medianFiringMinutes)} min`}
                  </td>
                  <td>
                    {a.wontFixShare === null || a.wontFixShare === undefined
                      ? '–'
                      : percent(a.wontFixShare * 100)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
