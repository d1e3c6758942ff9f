import { useCallback, useEffect, useState } from 'react';
import type { OperationResult } from 'urql';
import { useSession } from '../../auth/session';
import type { WebhookDeliveriesQuery, WebhookDeliveryFieldsFragment } from '../../gql/graphql';
import { useTeam } from '../../shell/team-context';
import { capitalized, failure, when, whenExact } from './alerts-format';
import { AlertActivityFeed, ReplayWebhookDelivery, WebhookDeliveries } from './alerts-queries';

type Delivery = WebhookDeliveryFieldsFragment;

interface Inbox {
  deliveries: Delivery[];
  total: number;
  next: string | null;
}

/** A body as received, indented when it is JSON; always rendered as text. */
export function readableBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function summaryText(delivery: Delivery): string {
  const s = delivery.summary;
  if (!s) return delivery.error ?? '';
  const parts = [`${s.received} received`];
  for (const [count, word] of [
    [s.created, 'created'],
    [s.updated, 'updated'],
    [s.resolved, 'resolved'],
    [s.reopened, 'reopened'],
    [s.ignored, 'ignored'],
  ] as const)
    if (count > 0) parts.push(`${count} ${word}`);
  return parts.join(' · ');
}

/**
 * The payloads the integration received, newest first: outcome, what they did, the body as
 * text; replay processes one again. Re-read on the team's alert activity for this integration,
 * after a reconnect, and on demand (a rejected delivery touches no alert).
 */
export function DeliveriesInbox({ integrationId }: { integrationId: string }) {
  const team = useTeam();
  const { connection } = useSession();
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const read = useCallback(
    async (after: string | null = null) => {
      const result: OperationResult<WebhookDeliveriesQuery> = await connection.client
        .query(WebhookDeliveries, { integrationId, after }, { requestPolicy: 'network-only' })
        .toPromise();
      if (!result.data) {
        setError(failure(result.error, 'The deliveries could not be read'));
        return;
      }
      setError(null);
      const page = result.data.webhookDeliveries;
      const nodes = page.edges.map((e) => e.node);
      setInbox((current) => ({
        deliveries: after && current ? [...current.deliveries, ...nodes] : nodes,
        total: page.totalCount,
        next: page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null,
      }));
    },
    [connection, integrationId],
  );

  useEffect(() => {
    void read();
    const subscription = connection.client
      .subscription(AlertActivityFeed, { teamId: team.id })
      .subscribe((result) => {
        if (result.data?.alertActivity.alert.integration.id === integrationId) void read();
      });
    const offReconnect = connection.onReconnect(() => void read());
    return () => {
      subscription.unsubscribe();
      offReconnect();
    };
  }, [connection, team.id, integrationId, read]);

  const replay = async (delivery: Delivery) => {
    setBusy(delivery.id);
    const result = await connection.client
      .mutation(ReplayWebhookDelivery, { id: delivery.id })
      .toPromise();
    setBusy(null);
    if (!result.data) {
      setSaid(`Replay failed: ${failure(result.error, 'not replayed')}`);
      return;
    }
    const replayed = result.data.replayWebhookDelivery;
    setSaid(
      `Replayed the delivery of ${when(delivery.receivedAt)}: ${capitalized(replayed.outcome)}${replayed.summary ? `, ${summaryText(replayed)}` : ''}.`,
    );
    await read();
  };

  return (
    <section className="alerts-section deliveries-inbox" aria-labelledby="deliveries-title">
      <div className="section-head">
        <h2 id="deliveries-title">Deliveries</h2>
        {inbox && (
          <span className="muted" data-testid="deliveries-total">
            {inbox.total === 1 ? '1 received' : `${inbox.total} received`}
          </span>
        )}
        <button type="button" className="button button-small" onClick={() => void read()}>
          Refresh
        </button>
      </div>
      <p className="inbox-status" role="status">
        {said}
      </p>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {!inbox ? (
        !error && <p className="muted">Loading the deliveries…</p>
      ) : inbox.deliveries.length === 0 ? (
        <p className="muted">
          Nothing received yet. Configure the tool with a snippet above, or send a test alert with
          curl.
        </p>
      ) : (
        <ol className="delivery-list">
          {inbox.deliveries.map((delivery) => (
            <DeliveryEntry
              key={delivery.id}
              delivery={delivery}
              replaying={busy === delivery.id}
              onReplay={() => void replay(delivery)}
            />
          ))}
        </ol>
      )}
      {inbox?.next && (
        <button type="button" className="button" onClick={() => void read(inbox.next)}>
          Older deliveries
        </button>
      )}
    </section>
  );
}

function DeliveryEntry({
  delivery,
  replaying,
  onReplay,
}: {
  delivery: Delivery;
  replaying: boolean;
  onReplay: () => void;
}) {
  const outcome = delivery.outcome;
  return (
    <li className="delivery" data-delivery-id={delivery.id} data-outcome={outcome}>
      <details>
        <summary>
          <span className={`badge outcome outcome-${outcome.toLowerCase()}`}>
            {capitalized(outcome)}
          </span>{' '}
          <time dateTime={delivery.receivedAt}>{whenExact(delivery.receivedAt)}</time>
          <span className="delivery-summary"> {summaryText(delivery)}</span>
          {delivery.replayOfId && <span className="muted small"> · a replay</span>}
        </summary>
        <div className="delivery-detail">
          {delivery.error && (
            <p className="delivery-error">
              <strong>Error:</strong> {delivery.error}
            </p>
          )}
          {delivery.items.length > 0 && (
            <>
              <h3>Alerts and cards</h3>
              <ul className="delivery-items">
                {delivery.items.map((item, i) => (
                  <li key={`${item.dedupKey}-${i}`}>
                    <span className="badge">{item.outcome}</span>{' '}
                    {item.alert?.title ?? item.dedupKey}
                    {item.task && (
                      <span className="muted">
                        {' '}
                        → card <span className="card-ref">{item.task.key}</span>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>Body</h3>
          <pre className="code-block delivery-body" data-testid="delivery-body">
            {readableBody(delivery.body)}
          </pre>
          <h3>Headers</h3>
          <pre className="code-block">{JSON.stringify(delivery.headers, null, 2)}</pre>
          <p className="muted small">
            {delivery.contentType ?? 'no content type'}
            {delivery.requestId ? ` · request ${delivery.requestId}` : ''}
          </p>
          <button type="button" className="button" disabled={replaying} onClick={onReplay}>
            {replaying ? 'Replaying…' : 'Replay this delivery'}
          </button>
        </div>
      </details>
    </li>
  );
}
