import { useId, useState, type FormEvent } from 'react';
import { ModalDialog } from '../../shell/modal-dialog';
import { useSession } from '../../auth/session';
import type { CreateNotificationChannelMutation, NotificationChannelKind } from '../../gql/graphql';
import { useTeam } from '../../shell/team-context';
import { EventChoices } from './event-choices';
import {
  fieldProblems,
  KIND_NAMES,
  KINDS,
  subscriptionsInput,
  type Subscription,
} from './notifications-format';
import { CreateNotificationChannel } from './notifications-queries';
import { UrlField } from './url-field';

export type CreatedChannel = CreateNotificationChannelMutation['createNotificationChannel'];

type Problems = ReturnType<typeof fieldProblems>;

const URL_HINTS: Record<NotificationChannelKind, string> = {
  SLACK:
    'An incoming-webhook URL. Slack: an app with Incoming Webhooks on, “Add New Webhook to Workspace”, https://hooks.slack.com/services/…. Mattermost: Integrations → Incoming Webhooks, https://<your-server>/hooks/<key>. Rocket.Chat takes the same messages.',
  WEBHOOK:
    'Any http(s) URL: it receives a JSON event signed as Standard Webhooks sign (webhook-id, webhook-timestamp, webhook-signature), with a secret shown once after creating.',
};

/** A new channel: where it posts (a chat's incoming webhook or a signed webhook) and what about. */
export function CreateChannelDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: CreatedChannel) => void;
}) {
  const team = useTeam();
  const { connection } = useSession();
  const id = useId();
  const [kind, setKind] = useState<NotificationChannelKind>('SLACK');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<Subscription[]>([
    { type: 'ALERT_CARD_CREATED', minPriority: 'HIGH' },
    { type: 'SLA_BREACHED', minPriority: null },
  ]);
  const [problems, setProblems] = useState<Problems>({ fields: {}, other: null });
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: Problems['fields'] = {};
    if (!name.trim()) fields.name = 'A channel needs a name.';
    if (!url.trim()) fields.url = 'Enter the URL to post to.';
    if (events.length === 0) fields.events = 'Choose at least one event.';
    setProblems({ fields, other: null });
    if (Object.keys(fields).length > 0) return;
    setBusy(true);
    const result = await connection.client
      .mutation(CreateNotificationChannel, {
        input: {
          teamId: team.id,
          kind,
          name: name.trim(),
          url: url.trim(),
          events: subscriptionsInput(events),
        },
      })
      .toPromise();
    setBusy(false);
    if (result.data) onCreated(result.data.createNotificationChannel);
    else setProblems(fieldProblems(result.error));
  };

  const { fields, other } = problems;
  return (
    <ModalDialog title="New channel" wide onCancel={onClose}>
      <form className="notify-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as NotificationChannelKind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={200}
            required
            placeholder={kind === 'SLACK' ? '#sre' : 'Incident bot'}
            aria-invalid={fields.name ? true : undefined}
            aria-describedby={fields.name ? `${id}-name-error` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {fields.name && (
            <p className="field-error" id={`${id}-name-error`}>
              {fields.name}
            </p>
          )}
        </div>
        <UrlField
          id={id}
          label="URL"
          value={url}
          onChange={setUrl}
          error={fields.url}
          hint={URL_HINTS[kind]}
          required
        />
        <EventChoices value={events} onChange={setEvents} error={fields.events} />
        {other && (
          <p className="field-error" role="alert">
            {other}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create channel'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
