/**
 * Copy-paste configuration for the tool behind an integration, filled in with its webhook URL
 * (and its token while the page holds it: just after creation or rotation), as the README shows
 * them. Pure text: the page renders it in <pre>.
 */
import type { AlertKind } from '../../gql/graphql';

export const TOKEN_PLACEHOLDER = '<token>';

export interface Snippet {
  /** Stable id (for the test and the copy button's label). */
  id: string;
  title: string;
  /** Where the text goes, e.g. alertmanager.yml. */
  file?: string;
  text: string;
  /** A sentence before the text. */
  intro?: string;
}

interface Target {
  kind: AlertKind;
  webhookUrl: string;
  hasHmacSecret: boolean;
  hmacTimestampHeader?: string | null;
  /** The token, when the page has it; else the placeholder. */
  token: string | null;
}

export function snippetsFor(target: Target): Snippet[] {
  const token = target.token ?? TOKEN_PLACEHOLDER;
  const url = target.webhookUrl;
  const main = primarySnippets(target, url, token);
  // GitHub signs its deliveries; a bearer token from curl is refused.
  return target.kind === 'GITHUB' ? main : [...main, curlSnippet(target.kind, url, token)];
}

function primarySnippets(target: Target, url: string, token: string): Snippet[] {
  switch (target.kind) {
    case 'ALERTMANAGER':
      return [
        {
          id: 'alertmanager',
          title: 'Prometheus Alertmanager receiver',
          file: 'alertmanager.yml',
          intro:
            'Add the receiver and route alerts to it (or add the receiver under an existing route).',
          text: [
            'receivers:',
            '  - name: loopboard',
            '    webhook_configs:',
            `      - url: ${url}`,
            '        send_resolved: true',
            '        http_config:',
            '          authorization:',
            '            type: Bearer',
            `            credentials: ${token} # or credentials_file: /etc/alertmanager/loopboard-token`,
            'route:',
            '  receiver: loopboard',
            '',
          ].join('\n'),
        },
      ];
    case 'GRAFANA':
      return [
        {
          id: 'grafana',
          title: 'Grafana contact point (provisioning)',
          file: 'provisioning/alerting/loopboard.yaml',
          intro: target.hasHmacSecret
            ? `Or, in the UI: a webhook contact point with this URL, method POST, and either the Bearer credentials below or the integration’s HMAC secret in the HMAC settings${target.hmacTimestampHeader ? ` (timestamp header ${target.hmacTimestampHeader})` : ''}.`
            : 'Or, in the UI: a webhook contact point with this URL, HTTP method POST, Authorization header scheme Bearer and the token as credentials.',
          text: [
            'apiVersion: 1',
            'contactPoints:',
            '  - orgId: 1',
            '    name: loopboard',
            '    receivers:',
            '      - uid: loopboard',
            '        type: webhook',
            '        settings:',
            `          url: ${url}`,
            '          httpMethod: POST',
            '          authorization_scheme: Bearer',
            `          authorization_credentials: ${token}`,
            '',
          ].join('\n'),
        },
      ];
    case 'KAPACITOR':
      return [
        {
          id: 'kapacitor',
          title: 'Kapacitor HTTP post endpoint',
          file: 'kapacitor.conf',
          text: [
            '[[httppost]]',
            '  endpoint = "loopboard"',
            `  url = "${url}"`,
            `  headers = { Authorization = "Bearer ${token}" }`,
            '',
          ].join('\n'),
        },
        {
          id: 'kapacitor-tick',
          title: 'Kapacitor TICKscript',
          intro: 'Post a task’s alerts to the endpoint:',
          text: `|alert()\n  .crit(lambda: "usage_idle" < 10)\n  .post()\n  .endpoint('loopboard')\n`,
        },
      ];
    case 'PAGERDUTY':
      return [
        {
          id: 'pagerduty',
          title: 'PagerDuty webhook subscription',
          intro: target.hasHmacSecret
            ? 'Loopboard checks X-PagerDuty-Signature with this integration’s HMAC secret.'
            : 'Set this integration’s HMAC secret to the subscription’s signing secret (below, under HMAC secret) so Loopboard can check X-PagerDuty-Signature.',
          text: [
            'Integrations → Generic Webhooks (v3) → New Webhook',
            `  Webhook URL:   ${url}`,
            '  Scope type:    Service (the service whose incidents become cards)',
            '  Event subscription: incident.triggered, incident.acknowledged,',
            '                      incident.resolved, incident.reopened',
            '  Signing secret: copy it into this integration’s HMAC secret',
            '',
          ].join('\n'),
        },
      ];
    case 'GENERIC':
    case 'GENERIC_DEPLOYMENT':
      return [];
    case 'GITHUB':
      return [
        {
          id: 'github',
          title: 'GitHub repository webhook',
          intro: 'Settings → Webhooks → Add webhook in the repository:',
          text: [
            `Payload URL:   ${url}`,
            'Content type:  application/json',
            'Secret:        the HMAC secret of this integration',
            'Events:        Let me select individual events → Deployment statuses',
            '',
          ].join('\n'),
        },
      ];
    case 'GITLAB':
      return [
        {
          id: 'gitlab',
          title: 'GitLab project webhook',
          intro: 'Settings → Webhooks → Add new webhook in the project:',
          text: [
            `URL:           ${url}`,
            `Secret token:  ${token}`,
            'Trigger:       Deployment events',
            '',
          ].join('\n'),
        },
      ];
  }
}

/** One test alert in the shape the integration's parser reads. */
function sampleBody(kind: AlertKind): string {
  switch (kind) {
    case 'ALERTMANAGER':
      return JSON.stringify({
        version: '4',
        status: 'firing',
        receiver: 'loopboard',
        groupKey: '{}:{alertname="LoopboardTest"}',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'LoopboardTest', severity: 'warning', env: 'staging' },
            annotations: { summary: 'Test alert from curl' },
            startsAt: '2026-01-01T00:00:00Z',
          },
        ],
      });
    case 'GRAFANA':
      return JSON.stringify({
        version: '1',
        status: 'firing',
        receiver: 'loopboard',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'LoopboardTest', severity: 'warning' },
            annotations: { summary: 'Test alert from curl' },
            startsAt: '2026-01-01T00:00:00Z',
          },
        ],
      });
    case 'KAPACITOR':
      return JSON.stringify({
        id: 'loopboard_test:host=test',
        message: 'WARNING: test alert from curl',
        time: '2026-01-01T00:00:00Z',
        level: 'WARNING',
        data: { series: [] },
      });
    case 'PAGERDUTY':
      return JSON.stringify({
        event: {
          id: 'loopboard-test',
          event_type: 'incident.triggered',
          resource_type: 'incident',
          occurred_at: '2026-01-01T00:00:00Z',
          data: {
            id: 'PTEST01',
            type: 'incident',
            status: 'triggered',
            title: 'Test incident from curl',
            urgency: 'low',
          },
        },
      });
    case 'GITHUB':
    case 'GITLAB':
    case 'GENERIC_DEPLOYMENT':
      return JSON.stringify({
        id: 'ci-run-1',
        service: 'checkout-api',
        environment: 'production',
        version: 'v1.4.2',
        status: 'success',
        started_at: '2026-01-01T00:00:00Z',
        finished_at: '2026-01-01T00:05:00Z',
      });
    case 'GENERIC':
      return JSON.stringify({
        title: 'Checkout p99 latency above 2s',
        severity: 'critical',
        service: 'checkout-api',
        environment: 'production',
        description: 'p99 over the last 10 minutes is 2.4 s',
      });
  }
}

function curlSnippet(kind: AlertKind, url: string, token: string): Snippet {
  const deployments = kind === 'GITHUB' || kind === 'GITLAB' || kind === 'GENERIC_DEPLOYMENT';
  return {
    id: 'curl',
    title: deployments
      ? 'Report a deployment with curl (from any CI job)'
      : kind === 'GENERIC'
        ? 'Post an alert with curl'
        : 'Send a test alert with curl',
    intro: deployments
      ? 'Fields: service, environment, version, status (queued, in_progress, success, failure, canceled; required), id, commit, ref, started_at, finished_at, url, commits [{sha, message, authored_at}], rollback_of.'
      : kind === 'GENERIC'
        ? 'Fields: title (required), description, start_time, end_time (present means resolved), service, environment, monitoring_tool, hosts, severity, fingerprint, links, labels.'
        : 'A test alert in this tool’s format, to check the URL and the token:',
    text: [
      `curl -sS '${url}' \\`,
      `  -H 'authorization: Bearer ${token}' \\`,
      "  -H 'content-type: application/json' \\",
      `  -d '${sampleBody(kind).replace(/'/g, "'\\''")}'`,
      '',
    ].join('\n'),
  };
}
