import { useQuery } from 'urql';
import type { CardDetailQuery } from '../../gql/graphql';
import { when } from './card-history';
import { AlertDeliveries } from './card-queries';
import { label } from './labels';
import { SafeLink } from './safe-link';

type Detail = CardDetailQuery['task'];
type AlertDetail = Detail['alerts'][number];

/** The alerts feeding the card: their context as text, links (http(s) only), deliveries. */
export function CardAlerts({ card }: { card: Detail }) {
  return (
    <>
      {card.alerts.map((alert) => (
        <AlertContext key={alert.id} alert={alert} integration={alert.integration} />
      ))}
    </>
  );
}

function AlertContext({
  alert,
  integration,
}: {
  alert: AlertDetail;
  integration?: { id: string; kind: string; name: string };
}) {
  const facts: [string, string | null | undefined][] = [
    ['Status', label(alert.status)],
    ['Severity', alert.severity.toLowerCase()],
    ['Environment', alert.environment],
    ['Component', alert.component],
    ['Instance', alert.instance],
    ['Value', alert.value],
    ['Occurrences', String(alert.occurrences)],
    ['First seen', when(alert.firstSeenAt)],
    ['Last seen', when(alert.lastSeenAt)],
    ['Source', integration ? `${label(integration.kind)} · ${integration.name}` : null],
  ];
  return (
    <section className="alert-context" aria-label={`Alert ${alert.title}`}>
      <h4 className="alert-title">{alert.title}</h4>
      <dl className="facts">
        {facts
          .filter(([, value]) => value)
          .map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {alert.description && <p className="text-block">{alert.description}</p>}
      {alert.links.length > 0 && (
        <ul className="alert-links">
          {alert.links.map((link, i) => (
            <li key={i}>
              <SafeLink url={link.url} title={link.title || link.url} />
            </li>
          ))}
        </ul>
      )}
      {integration && <Deliveries integrationId={integration.id} alertId={alert.id} />}
    </section>
  );
}

function Deliveries({ integrationId, alertId }: { integrationId: string; alertId: string }) {
  const [{ data, error }] = useQuery({ query: AlertDeliveries, variables: { integrationId } });
  if (error) return null;
  const deliveries = (data?.webhookDeliveries.edges ?? [])
    .map((e) => e.node)
    .map((d) => ({ ...d, item: d.items.find((i) => i.alert?.id === alertId) }))
    .filter((d) => d.item);
  return (
    <div className="deliveries">
      <h5>Recent deliveries</h5>
      {!data ? (
        <p className="muted small">Loading…</p>
      ) : deliveries.length === 0 ? (
        <p className="muted small">None among the integration’s last 25.</p>
      ) : (
        <ul>
          {deliveries.map((d) => (
            <li key={d.id}>
              <time dateTime={d.receivedAt}>{when(d.receivedAt)}</time> · {d.outcome.toLowerCase()}{' '}
              · {d.item?.outcome}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
