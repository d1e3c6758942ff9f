import { Fragment, useCallback, useEffect, useState } from 'react';
import { useSession } from '../../auth/session';
import { ScrollRegion } from '../../charts/scroll-region';
import { apiError } from '../../graphql/errors';
import { useTeam } from '../../shell/team-context';
import {
  EVENT_NAMES,
  receiverAnswer as answer,
  STATUS_NAMES,
  when,
  whenExact,
  type Delivery,
} from './notifications-format';
import {
  NotificationAlertActivity,
  NotificationDeliveries,
  ResendNotification,
} from './notifications-queries';

const SHOWN = 50;
/** While a message is still pending, its outcome is read again this often. */
const PENDING_POLL_MS = 2000;
/** Messages of events other than alerts (sprints, SLA, the reserve) show up within this. */
const IDLE_POLL_MS = 15_000;

/**
 * The channel's messages, newest first: event, state, attempts, the receiver's last answer; each
 * with its attempt log, and "Send again" for a failed one. Re-read on the team's alert activity,
 * after a reconnect, while one is pending, now and then, and on demand.
 */
export function DeliveriesTable({ channelId }: { channelId: string }) {
  const team = useTeam();
  const { connection } = useSession();
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<{ forbidden: boolean; message: string } | null>(null);
  const [said, setSaid] = useState('');
  // Kept apart from the read's error, which the next read clears.
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [open, setOpen] = useState<Record<string, boolean>>({});

  const read = useCallback(async () => {
    const result = await connection.client
      .query(NotificationDeliveries, { channelId, first: SHOWN }, { requestPolicy: 'network-only' })
      .toPromise();
    if (!result.data) {
      const problem = apiError(result.error, 'The deliveries could not be read');
      setError({ forbidden: problem.code === 'FORBIDDEN', message: problem.message });
      return;
    }
    setError(null);
    setDeliveries(result.data.notificationDeliveries);
  }, [connection, channelId]);

  useEffect(() => {
    void read();
    const subscription = connection.client
      .subscription(NotificationAlertActivity, { teamId: team.id })
      .subscribe(() => void read());
    const offReconnect = connection.onReconnect(() => void read());
    return () => {
      subscription.unsubscribe();
      offReconnect();
    };
  }, [connection, team.id, read]);

  const pending = deliveries?.some((d) => d.status === 'PENDING') ?? false;
  useEffect(() => {
    if (error?.forbidden) return;
    const timer = setInterval(
      () => {
        if (document.visibilityState === 'visible') void read();
      },
      pending ? PENDING_POLL_MS : IDLE_POLL_MS,
    );
    return () => clearInterval(timer);
  }, [pending, read, error?.forbidden]);

  const resend = async (delivery: Delivery) => {
    setBusy(delivery.id);
    const result = await connection.client
      .mutation(ResendNotification, { id: delivery.id })
      .toPromise();
    setBusy(null);
    if (!result.data) {
      setSaid('');
      setRefused(`Not sent again: ${apiError(result.error, 'the API refused').message}`);
      return;
    }
    setRefused(null);
    setSaid(`“${EVENT_NAMES[delivery.eventType]}” is queued to be sent again.`);
    const resent = result.data.resendNotification;
    setDeliveries((current) => current?.map((d) => (d.id === resent.id ? resent : d)) ?? null);
  };

  return (
    <section className="notify-section" aria-labelledby="notify-deliveries-title">
      <div className="section-head">
        <h2 id="notify-deliveries-title">Deliveries</h2>
        {deliveries && (
          <span className="muted" data-testid="deliveries-count">
            {deliveries.length === SHOWN
              ? `the latest ${SHOWN}`
              : deliveries.length === 1
                ? '1 message'
                : `${deliveries.length} messages`}
          </span>
        )}
        <button type="button" className="button button-small" onClick={() => void read()}>
          Refresh
        </button>
      </div>
      <p className="inbox-status" role="status">
        {said}
      </p>
      {refused && (
        <p className="field-error" role="alert">
          {refused}
        </p>
      )}
      {error &&
        (error.forbidden ? (
          <p className="notice">Only the team’s admins can see what was delivered.</p>
        ) : (
          <p className="notice notice-error" role="alert">
            {error.message}
          </p>
        ))}
      {!deliveries ? (
        !error && <p className="muted">Loading the deliveries…</p>
      ) : deliveries.length === 0 ? (
        <p className="muted">
          Nothing sent yet: messages appear here when one of the channel’s events happens. “Send a
          test message” is not listed.
        </p>
      ) : (
        <ScrollRegion label="Messages sent to the channel">
          <table className="table notify-deliveries">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col" className="text">
                  Status
                </th>
                <th scope="col">Attempts</th>
                <th scope="col" className="text">
                  Last answer
                </th>
                <th scope="col">When</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <Fragment key={delivery.id}>
                  <DeliveryRow
                    delivery={delivery}
                    expanded={Boolean(open[delivery.id])}
                    resending={busy === delivery.id}
                    onToggle={() => setOpen((o) => ({ ...o, [delivery.id]: !o[delivery.id] }))}
                    onResend={() => void resend(delivery)}
                  />
                  {open[delivery.id] && <AttemptLog delivery={delivery} />}
                </Fragment>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function DeliveryRow({
  delivery,
  expanded,
  resending,
  onToggle,
  onResend,
}: {
  delivery: Delivery;
  expanded: boolean;
  resending: boolean;
  onToggle: () => void;
  onResend: () => void;
}) {
  const status = delivery.status;
  const moment =
    status === 'PENDING'
      ? `next try ${when(delivery.nextAttemptAt)}`
      : `${status === 'DELIVERED' ? 'delivered' : 'gave up'} ${when(delivery.finishedAt ?? delivery.createdAt)}`;
  return (
    <tr data-delivery-id={delivery.id} data-status={status}>
      <th scope="row" className="text">
        {EVENT_NAMES[delivery.eventType]}
        <span className="delivery-summary">{delivery.summary}</span>
      </th>
      <td className="text">
        <span className={`badge notify-status status-${status.toLowerCase()}`}>
          {STATUS_NAMES[status]}
        </span>
      </td>
      <td data-figure="attempts">{delivery.attempts}</td>
      <td className="text notify-answer">{answer(delivery.lastStatusCode, delivery.lastError)}</td>
      <td>
        <time dateTime={delivery.createdAt} title={`queued ${whenExact(delivery.createdAt)}`}>
          {when(delivery.createdAt)}
        </time>
        <span className="muted small notify-moment">{moment}</span>
      </td>
      <td>
        <div className="row-actions">
          <button
            type="button"
            className="button button-small"
            aria-expanded={expanded}
            aria-controls={expanded ? `attempts-${delivery.id}` : undefined}
            onClick={onToggle}
          >
            {expanded ? 'Hide attempts' : 'Attempts'}
            <span className="visually-hidden"> of {EVENT_NAMES[delivery.eventType]}</span>
          </button>
          {status === 'FAILED' && (
            <button
              type="button"
              className="button button-small"
              disabled={resending}
              onClick={onResend}
            >
              {resending ? 'Sending…' : 'Send again'}
              <span className="visually-hidden"> {EVENT_NAMES[delivery.eventType]}</span>
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

function AttemptLog({ delivery }: { delivery: Delivery }) {
  return (
    <tr className="notify-attempts" id={`attempts-${delivery.id}`}>
      <td colSpan={6} className="text">
        <div className="attempt-detail">
          {delivery.attemptLog.length === 0 ? (
            <p className="muted">No attempt yet.</p>
          ) : (
            <ol
              className="attempt-log"
              aria-label={`Attempts of ${EVENT_NAMES[delivery.eventType]}`}
            >
              {delivery.attemptLog.map((attempt, i) => (
                <li key={`${attempt.at}-${i}`} data-outcome={attempt.outcome}>
                  <time dateTime={attempt.at}>{whenExact(attempt.at)}</time>{' '}
                  <span className={`badge attempt-${attempt.outcome}`}>{attempt.outcome}</span>{' '}
                  {answer(attempt.statusCode, attempt.error)}
                  <span className="muted"> · {attempt.durationMs} ms</span>
                </li>
              ))}
            </ol>
          )}
          <p className="muted small">
            Event id (webhook-id) {delivery.eventId}
            {delivery.status === 'PENDING' ? ` · given up after ${when(delivery.giveUpAt)}` : ''}
          </p>
        </div>
      </td>
    </tr>
  );
}
