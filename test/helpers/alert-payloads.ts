/**
 * Webhook bodies for each alert source, in the shape of the shared fixtures, with a fresh
 * fingerprint unless one is given.
 */
import { fixture } from './alert-factories';

let counter = 0;
export const uniqueId = (prefix = 'x'): string =>
  `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

export interface AmAlertInput {
  fingerprint?: string;
  status?: 'firing' | 'resolved';
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
}

export function amAlert(input: AmAlertInput = {}): Record<string, unknown> {
  const status = input.status ?? 'firing';
  return {
    status,
    labels: { alertname: 'TestAlert', severity: 'warning', ...input.labels },
    annotations: { summary: 'Something is off', ...input.annotations },
    startsAt: input.startsAt ?? '2026-11-20T09:00:00.000Z',
    endsAt:
      input.endsAt ?? (status === 'resolved' ? '2026-11-20T10:00:00.000Z' : '0001-01-01T00:00:00Z'),
    generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=up',
    fingerprint: input.fingerprint ?? uniqueId('fp'),
  };
}

/** An Alertmanager v4 group of alerts (status derived from its alerts unless given). */
export function amGroup(
  alerts: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const firing = alerts.some((a) => a.status === 'firing');
  return {
    version: '4',
    groupKey: `{}:{alertname="TestAlert"}`,
    truncatedAlerts: 0,
    status: firing ? 'firing' : 'resolved',
    receiver: 'loopboard',
    groupLabels: { alertname: 'TestAlert' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.com:9093',
    alerts,
    ...extra,
  };
}

/** A generic-format alert (see shared/README.md). */
export function genericAlert(input: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: 'Generic alert', fingerprint: uniqueId('gen'), severity: 'warning', ...input };
}

/** The Kapacitor fixture with another id and level. */
export function kapacitorAlert(id: string, level: string): Record<string, unknown> {
  return { ...fixture('kapacitor-critical.json'), id, level };
}

/** The PagerDuty fixture with another event type, incident key and priority. */
export function pagerDutyEvent(
  eventType: string,
  incidentKey: string,
  priority: string | null = 'P1',
): Record<string, unknown> {
  const body = fixture('pagerduty-incident-triggered.json');
  const event = body.event as Record<string, any>;
  event.event_type = eventType;
  event.data.incident_key = incidentKey;
  event.data.status = eventType.replace('incident.', '');
  event.data.priority = priority === null ? null : { ...event.data.priority, summary: priority };
  return body;
}
