import { useId, useState, type FormEvent } from 'react';
import { useSession } from '../../auth/session';
import type { AlertmanagerAuth } from '../../gql/graphql';
import { CopyableCode } from '../../shell/copy-button';
import { DeliveriesInbox } from './deliveries-inbox';
import { failure, KIND_NAMES, SIGNING_KINDS, when, type Integration } from './alerts-format';
import { RotateIntegrationToken, UpdateAlertIntegration } from './alerts-queries';
import { IntegrationRules } from './integration-rules';
import { OneTimeSecret } from '../../shell/one-time-secret';
import { SnippetsView } from './snippets-view';

export interface ShownToken {
  integrationId: string;
  token: string;
  title: string;
  note?: string;
}

interface Props {
  integration: Integration;
  /** The token just issued for this integration, while the page shows it. */
  shown: ShownToken | null;
  onToken: (shown: ShownToken | null) => void;
  onChanged: (integration: Integration) => void;
}

const AUTH_NAMES: Record<AlertmanagerAuth, string> = {
  NONE: 'no authentication',
  BEARER: 'bearer token',
  BASIC: 'basic auth',
};

/** One integration: its endpoint and credentials, its rules, its tool's snippets, its inbox. */
export function IntegrationDetail({ integration, shown, onToken, onChanged }: Props) {
  const facts: [string, string][] = [
    ['Tool', KIND_NAMES[integration.kind]],
    [
      'Cards go to',
      integration.board
        ? `${integration.board.name} · ${integration.column?.name ?? 'Triage'}`
        : 'The team’s first board',
    ],
    ['Created', when(integration.createdAt)],
    ['Last delivery', integration.lastDeliveryAt ? when(integration.lastDeliveryAt) : 'None yet'],
    ['Deduplicated by', integration.dedupBy === 'GROUP' ? 'Group' : 'Alert'],
    ...(integration.kind === 'ALERTMANAGER'
      ? [
          [
            'Won’t-fix silences go to',
            integration.alertmanagerUrl
              ? `${integration.alertmanagerUrl} (${AUTH_NAMES[integration.alertmanagerAuth]})`
              : 'Nowhere (no Alertmanager URL)',
          ] as [string, string],
        ]
      : []),
    [
      'Reopens cards done within',
      integration.reopenWindowMinutes === 0 ? 'Never' : duration(integration.reopenWindowMinutes),
    ],
  ];
  return (
    <article className="integration-detail" aria-labelledby="integration-title">
      <h2 id="integration-title" className="integration-title">
        {integration.name}
      </h2>
      <dl className="facts alerts-facts">
        {facts.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {shown && (
        <OneTimeSecret
          title={shown.title}
          token={shown.token}
          note={shown.note}
          onDismiss={() => onToken(null)}
        />
      )}
      <Credentials integration={integration} onToken={onToken} onChanged={onChanged} />
      <SnippetsView integration={integration} token={shown?.token ?? null} />
      <IntegrationRules integration={integration} onSaved={onChanged} />
      <DeliveriesInbox integrationId={integration.id} />
    </article>
  );
}

const duration = (minutes: number): string =>
  minutes % 1440 === 0
    ? `${minutes / 1440} ${minutes === 1440 ? 'day' : 'days'}`
    : minutes % 60 === 0
      ? `${minutes / 60} h`
      : `${minutes} min`;

const GRACE_CHOICES: [number, string][] = [
  [0, 'stops working now'],
  [60, 'keeps working for an hour'],
  [1440, 'keeps working for a day'],
];

function Credentials({
  integration,
  onToken,
  onChanged,
}: {
  integration: Integration;
  onToken: (shown: ShownToken | null) => void;
  onChanged: (integration: Integration) => void;
}) {
  const { connection } = useSession();
  const id = useId();
  const [grace, setGrace] = useState(60);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const rotate = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await connection.client
      .mutation(RotateIntegrationToken, { id: integration.id, graceMinutes: grace })
      .toPromise();
    setBusy(false);
    if (!result.data) {
      setError(failure(result.error, 'Not rotated'));
      return;
    }
    setError(null);
    const rotated = result.data.rotateIntegrationToken;
    onChanged(rotated.integration);
    onToken({
      integrationId: integration.id,
      token: rotated.token,
      title: 'New token',
      note: rotated.previousTokenExpiresAt
        ? `The previous token works until ${when(rotated.previousTokenExpiresAt)}.`
        : 'The previous token no longer works.',
    });
  };

  return (
    <section className="alerts-section" aria-labelledby="credentials-title">
      <h2 id="credentials-title">Webhook</h2>
      <p className="webhook-url">
        <span className="field-name">URL</span>{' '}
        <CopyableCode value={integration.webhookUrl} label="the URL" />
      </p>
      <p className="muted">
        Senders authenticate with <code>Authorization: Bearer &lt;token&gt;</code>
        {SIGNING_KINDS.includes(integration.kind) ? ' or an HMAC signature' : ''}. Token last
        rotated: {integration.tokenRotatedAt ? when(integration.tokenRotatedAt) : 'never'}
        {integration.previousTokenExpiresAt &&
        new Date(integration.previousTokenExpiresAt) > new Date()
          ? `; the previous one works until ${when(integration.previousTokenExpiresAt)}`
          : ''}
        .
      </p>
      <form className="rotate-form" onSubmit={(e) => void rotate(e)}>
        <div className="field">
          <label htmlFor={`${id}-grace`}>The current token</label>
          <select
            id={`${id}-grace`}
            value={grace}
            onChange={(e) => setGrace(Number(e.target.value))}
          >
            {GRACE_CHOICES.map(([minutes, words]) => (
              <option key={minutes} value={minutes}>
                {words}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Rotating…' : 'Rotate token'}
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {SIGNING_KINDS.includes(integration.kind) && (
        <HmacSecret integration={integration} onChanged={onChanged} />
      )}
    </section>
  );
}

function HmacSecret({
  integration,
  onChanged,
}: {
  integration: Integration;
  onChanged: (integration: Integration) => void;
}) {
  const { connection } = useSession();
  const id = useId();
  const [secret, setSecret] = useState('');
  const [header, setHeader] = useState(integration.hmacTimestampHeader ?? '');
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const grafana = integration.kind === 'GRAFANA';

  const update = async (
    input: { hmacSecret?: string | null; hmacTimestampHeader?: string | null },
    done: string,
  ) => {
    const result = await connection.client
      .mutation(UpdateAlertIntegration, { id: integration.id, input })
      .toPromise();
    if (!result.data) {
      setError(failure(result.error, 'Not saved'));
      setSaid('');
      return;
    }
    setError(null);
    setSecret('');
    setSaid(done);
    onChanged(result.data.updateAlertIntegration);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!secret) {
      setError('Enter the secret to set.');
      return;
    }
    void update(
      { hmacSecret: secret, ...(grafana ? { hmacTimestampHeader: header.trim() || null } : {}) },
      'HMAC secret saved.',
    );
  };

  return (
    <div className="hmac">
      <h3>HMAC secret</h3>
      <p className="muted" data-testid="hmac-state">
        {integration.hasHmacSecret
          ? `Set: signed deliveries are accepted${integration.hmacTimestampHeader ? ` (timestamp header ${integration.hmacTimestampHeader})` : ''}. It is never shown again.`
          : 'Not set: only the bearer token is accepted.'}
      </p>
      <form className="rotate-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-secret`}>
            {integration.hasHmacSecret ? 'Replace the secret' : 'Secret'}
          </label>
          <input
            id={`${id}-secret`}
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </div>
        {grafana && (
          <div className="field">
            <label htmlFor={`${id}-header`}>Timestamp header (optional)</label>
            <input
              id={`${id}-header`}
              value={header}
              placeholder="X-Grafana-Alerting-Signature-Timestamp"
              onChange={(e) => setHeader(e.target.value)}
            />
          </div>
        )}
        <button type="submit" className="button">
          Save the secret
        </button>
        {integration.hasHmacSecret && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() =>
              void update(
                { hmacSecret: null, ...(grafana ? { hmacTimestampHeader: null } : {}) },
                'HMAC secret removed.',
              )
            }
          >
            Remove the secret
          </button>
        )}
      </form>
      <p className="inbox-status" role="status">
        {said}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
