import { useState } from 'react';
import { useSession } from '../../auth/session';
import type { TestNotificationChannelMutation } from '../../gql/graphql';
import { apiError } from '../../graphql/errors';
import { ModalDialog } from '../../shell/modal-dialog';
import { OneTimeSecret } from '../../shell/one-time-secret';
import { ChannelSettings } from './channel-settings';
import { EventChoices } from './event-choices';
import { DeliveriesTable } from './notification-deliveries';
import {
  fieldProblems,
  KIND_NAMES,
  receiverAnswer,
  subscriptionsInput,
  when,
  type Channel,
  type Subscription,
} from './notifications-format';
import {
  DeleteNotificationChannel,
  TestNotificationChannel,
  UpdateNotificationChannel,
} from './notifications-queries';

export interface ShownSecret {
  channelId: string;
  secret: string;
}

interface Props {
  channel: Channel;
  /** The signing secret just issued for this channel, while the page shows it. */
  shown: ShownSecret | null;
  onDismissSecret: () => void;
  onChanged: (channel: Channel) => void;
  onDeleted: (channel: Channel) => void;
}

/** One channel: where it posts, its state and a test message, its subscriptions, its deliveries. */
export function ChannelDetail({ channel, shown, onDismissSecret, onChanged, onDeleted }: Props) {
  const facts: [string, string][] = [
    ['Kind', KIND_NAMES[channel.kind]],
    ['Posts to', channel.target],
    ['Signed', channel.signed ? 'Yes (Standard Webhooks)' : 'No'],
    ['Created', when(channel.createdAt)],
  ];
  return (
    <article className="channel-detail" aria-labelledby="channel-title">
      <div className="channel-head">
        <h2 id="channel-title" className="channel-title">
          {channel.name}
        </h2>
        <span
          className={`badge channel-state ${channel.enabled ? 'state-on' : 'state-off'}`}
          data-testid="channel-state"
        >
          {channel.enabled ? 'Enabled' : 'Disabled'}
        </span>
      </div>
      <dl className="facts notify-facts">
        {facts.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {shown && (
        <OneTimeSecret
          title={`Signing secret of ${channel.name}`}
          token={shown.secret}
          noun="secret"
          explanation="store it where the receiver verifies the webhook-signature header (Standard Webhooks libraries take it as it is, whsec_ included)."
          onDismiss={onDismissSecret}
        />
      )}
      <ChannelActions channel={channel} onChanged={onChanged} onDeleted={onDeleted} />
      <Subscriptions channel={channel} onSaved={onChanged} />
      <DeliveriesTable channelId={channel.id} />
    </article>
  );
}

function ChannelActions({
  channel,
  onChanged,
  onDeleted,
}: {
  channel: Channel;
  onChanged: (channel: Channel) => void;
  onDeleted: (channel: Channel) => void;
}) {
  const { connection } = useSession();
  const [busy, setBusy] = useState<'toggle' | 'test' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const [tested, setTested] = useState<
    TestNotificationChannelMutation['testNotificationChannel'] | null
  >(null);
  const [confirming, setConfirming] = useState(false);

  const toggle = async () => {
    setBusy('toggle');
    const result = await connection.client
      .mutation(UpdateNotificationChannel, {
        id: channel.id,
        input: { enabled: !channel.enabled },
      })
      .toPromise();
    setBusy(null);
    if (!result.data) {
      setError(apiError(result.error, 'Not saved').message);
      setSaid('');
      return;
    }
    setError(null);
    const saved = result.data.updateNotificationChannel;
    setSaid(saved.enabled ? 'Enabled: new events are sent.' : 'Disabled: nothing is sent.');
    onChanged(saved);
  };

  const test = async () => {
    setBusy('test');
    setTested(null);
    const result = await connection.client
      .mutation(TestNotificationChannel, { id: channel.id })
      .toPromise();
    setBusy(null);
    if (!result.data) {
      setError(apiError(result.error, 'Not sent').message);
      return;
    }
    setError(null);
    setSaid('');
    setTested(result.data.testNotificationChannel);
  };

  const remove = async () => {
    setBusy('delete');
    const result = await connection.client
      .mutation(DeleteNotificationChannel, { id: channel.id })
      .toPromise();
    setBusy(null);
    setConfirming(false);
    if (!result.data) {
      setError(apiError(result.error, 'Not deleted').message);
      return;
    }
    onDeleted(channel);
  };

  return (
    <section className="notify-section" aria-labelledby="channel-actions-title">
      <h2 id="channel-actions-title">Channel</h2>
      <div className="notify-actions">
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void test()}
        >
          {busy === 'test' ? 'Sending…' : 'Send a test message'}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void toggle()}
        >
          {channel.enabled ? 'Disable' : 'Enable'}
        </button>
        <button
          type="button"
          className="button button-quiet notify-delete"
          disabled={busy !== null}
          onClick={() => setConfirming(true)}
        >
          Delete channel
        </button>
      </div>
      <div className="test-result" role="status" data-testid="test-result">
        {tested && (
          <p className={tested.delivered ? 'test-ok' : 'test-failed'}>
            {tested.delivered ? 'Test message delivered' : 'Test message not delivered'}
            {tested.statusCode
              ? `: the receiver answered ${receiverAnswer(tested.statusCode, tested.error)}`
              : tested.error
                ? `: ${tested.error}`
                : ''}
          </p>
        )}
      </div>
      <p className="inbox-status" role="status">
        {said}
      </p>
      {!channel.enabled && (
        <p className="muted">Disabled: events are not sent to this channel until it is enabled.</p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ChannelSettings channel={channel} onSaved={onChanged} />
      {confirming && (
        <ModalDialog
          title={`Delete ${channel.name}?`}
          onCancel={() => setConfirming(false)}
          description={
            <p>
              Nothing more is sent to {channel.target}; messages still queued for it are dropped,
              and its delivery history goes with it. This cannot be undone.
            </p>
          }
        >
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={busy === 'delete'}
              onClick={() => void remove()}
            >
              {busy === 'delete' ? 'Deleting…' : 'Delete channel'}
            </button>
          </div>
        </ModalDialog>
      )}
    </section>
  );
}

function Subscriptions({
  channel,
  onSaved,
}: {
  channel: Channel;
  onSaved: (channel: Channel) => void;
}) {
  const { connection } = useSession();
  const [events, setEvents] = useState<Subscription[]>(channel.events);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState(false);
  const same =
    JSON.stringify(subscriptionsInput(events)) ===
    JSON.stringify(subscriptionsInput(channel.events));

  const save = async () => {
    if (events.length === 0) {
      setError('Choose at least one event.');
      setSaid('');
      return;
    }
    setBusy(true);
    const result = await connection.client
      .mutation(UpdateNotificationChannel, {
        id: channel.id,
        input: { events: subscriptionsInput(events) },
      })
      .toPromise();
    setBusy(false);
    if (!result.data) {
      const problems = fieldProblems(result.error);
      setError(problems.fields.events ?? problems.other ?? 'Not saved');
      setSaid('');
      return;
    }
    setError(null);
    setSaid('Events saved.');
    const saved = result.data.updateNotificationChannel;
    setEvents(saved.events);
    onSaved(saved);
  };

  return (
    <section className="notify-section" aria-labelledby="channel-events-title">
      <h2 id="channel-events-title">Events</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <EventChoices
          value={events}
          onChange={(next) => {
            setEvents(next);
            setSaid('');
          }}
          error={error}
          legend="Tell this channel when"
        />
        <div className="notify-actions">
          <button type="submit" className="button" disabled={busy || same}>
            {busy ? 'Saving…' : 'Save events'}
          </button>
          {!same && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setEvents(channel.events);
                setError(null);
              }}
            >
              Undo changes
            </button>
          )}
        </div>
      </form>
      <p className="inbox-status" role="status">
        {said}
      </p>
    </section>
  );
}
