// The one shape every webhook source is reduced to, so that processing (dedup, cards, history)
// never needs to know which tool sent an alert.

export type AlertKind = 'ALERTMANAGER' | 'GRAFANA' | 'KAPACITOR' | 'PAGERDUTY' | 'GENERIC';

/** Every kind an integration can have: alert sources and deployment sources. */
export type IntegrationKind = AlertKind | 'GITHUB' | 'GITLAB' | 'GENERIC_DEPLOYMENT';

export type AlertSeverity = 'CRITICAL' | 'HIGH' | 'WARNING' | 'LOW' | 'INFO' | 'UNKNOWN';

export type DedupBy = 'ALERT' | 'GROUP';

export type AlertStatus = 'FIRING' | 'RESOLVED';

export interface AlertLink {
  title: string;
  url: string;
}

export interface NormalizedAlert {
  /** The key cards are deduplicated by: the group key with dedupBy GROUP, else the fingerprint. */
  dedupKey: string;
  /** The per-alert identity, whatever dedupBy says. */
  fingerprint: string;
  /** Alertmanager/Grafana groupKey, else null. */
  groupKey: string | null;
  status: AlertStatus;
  /** PagerDuty's acknowledged state; always false for sources without acknowledgement. */
  acknowledged: boolean;
  severity: AlertSeverity;
  /** PagerDuty's priority summary (P1..P5) when present, else null. */
  sourcePriority: string | null;
  name: string;
  /** At most 500 characters. */
  title: string;
  /** At most 10,000 characters. */
  description: string | null;
  environment: string | null;
  component: string | null;
  instance: string | null;
  value: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Absolute http(s) URLs only, each URL once. */
  links: AlertLink[];
  startsAt: Date | null;
  /** Null while firing. */
  endsAt: Date | null;
  /** Human notes for the card, e.g. that the source truncated its group. */
  notes: string[];
}

export interface ParsedDelivery {
  kind: AlertKind;
  alerts: NormalizedAlert[];
}

export interface ParseOptions {
  dedupBy: DedupBy;
  /** The time of receipt; the default for a generic alert without start_time. */
  now?: Date;
}

/**
 * The body is not of the kind's shape. `path` names the first bad field in JSONPath-ish form
 * (`alerts[3].labels`, '' for the root) so the webhook can answer 400 with something actionable.
 */
export class PayloadError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'PayloadError';
  }
}
