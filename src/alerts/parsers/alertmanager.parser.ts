import {
  COMPONENT_LABELS,
  ENVIRONMENT_LABELS,
  collectLinks,
  firstValue,
  labelsFingerprint,
  nonBlank,
  plural,
  toDescription,
  toTitle,
  type LinkCandidate,
} from './alert-fields';
import {
  PayloadError,
  type AlertStatus,
  type DedupBy,
  type NormalizedAlert,
  type ParseOptions,
  type ParsedDelivery,
} from './normalized-alert';
import {
  describeValue,
  field,
  itemPath,
  readArray,
  readObject,
  readOptionalDate,
  readOptionalNumber,
  readOptionalString,
  readStringMap,
  type JsonObject,
} from './payload-reader';
import { normalizeSeverity } from './severity';

// Alertmanager webhook_config payload, version 4. Grafana's unified alerting sends the same shape
// with extra fields, so the group and alert readers here are reused by grafana.parser.ts.

/** A grouped storm beyond this is a misconfigured route, not something to turn into cards. */
export const MAX_ALERTS_PER_DELIVERY = 1000;

const UNNAMED_ALERT = 'Unnamed alert';

export interface AlertGroup {
  items: unknown[];
  groupKey: string | null;
  externalUrl: string | null;
  dedupBy: DedupBy;
  /** Notes for every alert of the delivery. */
  notes: string[];
}

export function readAlertGroup(
  body: unknown,
  source: 'Alertmanager' | 'Grafana',
  version: string,
  options: ParseOptions,
): AlertGroup {
  const root = readObject(body, '');
  const sent = field(root, 'version');
  if (sent !== version) {
    const got = typeof sent === 'string' ? JSON.stringify(sent.slice(0, 20)) : describeValue(sent);
    throw new PayloadError(
      'version',
      `version must be "${version}" for ${source} webhooks (got ${got})`,
    );
  }
  const items = readArray(root, 'alerts', '', MAX_ALERTS_PER_DELIVERY);
  const groupKey = nonBlank(readOptionalString(root, 'groupKey', ''));
  const externalUrl = nonBlank(readOptionalString(root, 'externalURL', ''));
  const truncated = readOptionalNumber(root, 'truncatedAlerts', '') ?? 0;
  if (!Number.isInteger(truncated) || truncated < 0) {
    throw new PayloadError('truncatedAlerts', 'truncatedAlerts must be a non-negative integer');
  }
  const notes: string[] = [];
  if (truncated > 0) {
    notes.push(`${source} truncated ${plural(truncated, 'alert')} of this group`);
  }
  if (options.dedupBy === 'GROUP' && groupKey === null) {
    notes.push(`${source} sent no groupKey: this alert is deduplicated on its own`);
  }
  return { items, groupKey, externalUrl, dedupBy: options.dedupBy, notes };
}

/** The fields Alertmanager and Grafana alerts share. */
export interface AlertItem {
  item: JsonObject;
  path: string;
  status: AlertStatus;
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date | null;
  endsAt: Date | null;
  generatorUrl: string | null;
}

export function readAlertItem(value: unknown, index: number): AlertItem {
  const path = itemPath('alerts', index);
  const item = readObject(value, path);
  const status = readAlertStatus(item, path);
  const labels = readStringMap(item, 'labels', path);
  const annotations = readStringMap(item, 'annotations', path);
  const startsAt = withoutZeroTime(readOptionalDate(item, 'startsAt', path));
  const endsAt = withoutZeroTime(readOptionalDate(item, 'endsAt', path));
  const generatorUrl = readOptionalString(item, 'generatorURL', path);
  const fingerprint =
    nonBlank(readOptionalString(item, 'fingerprint', path)) ?? labelsFingerprint(labels);
  return {
    item,
    path,
    status,
    fingerprint,
    labels,
    annotations,
    startsAt,
    // Alertmanager sends a provisional end time for firing alerts; it means nothing yet.
    endsAt: status === 'FIRING' ? null : endsAt,
    generatorUrl,
  };
}

function readAlertStatus(item: JsonObject, path: string): AlertStatus {
  const status = readOptionalString(item, 'status', path);
  if (status?.toLowerCase() === 'firing') return 'FIRING';
  if (status?.toLowerCase() === 'resolved') return 'RESOLVED';
  const got = status === null ? 'nothing' : JSON.stringify(status.slice(0, 20));
  throw new PayloadError(
    `${path}.status`,
    `${path}.status must be "firing" or "resolved" (got ${got})`,
  );
}

// Go's zero time.Time, 0001-01-01T00:00:00Z, is how Alertmanager says "no end time".
const GO_ZERO_TIME = -62_135_596_800_000;

function withoutZeroTime(date: Date | null): Date | null {
  return date === null || date.getTime() <= GO_ZERO_TIME ? null : date;
}

export interface AlertExtras {
  /** Source-specific links, placed after Source and Runbook. */
  links: LinkCandidate[];
  silenceUrl: string | null;
  value: string | null;
}

export function buildGroupedAlert(
  alert: AlertItem,
  group: AlertGroup,
  extras: AlertExtras,
): NormalizedAlert {
  const { labels, annotations } = alert;
  const name = nonBlank(labels.alertname) ?? UNNAMED_ALERT;
  const heading = firstValue(annotations, ['summary', 'title']) ?? name;
  const links = collectLinks([
    { title: 'Source', url: alert.generatorUrl },
    { title: 'Runbook', url: annotations.runbook_url ?? null },
    ...extras.links,
    { title: 'Dashboard', url: annotations.dashboard_url ?? null },
    { title: 'Dashboard', url: annotations.dashboardURL ?? null },
    { title: 'Silence', url: extras.silenceUrl },
  ]);
  const dedupKey =
    group.dedupBy === 'GROUP' ? (group.groupKey ?? alert.fingerprint) : alert.fingerprint;
  return {
    dedupKey,
    fingerprint: alert.fingerprint,
    groupKey: group.groupKey,
    status: alert.status,
    acknowledged: false,
    severity: normalizeSeverity(labels.severity),
    sourcePriority: null,
    name,
    title: toTitle(heading),
    description: toDescription(firstValue(annotations, ['description', 'message'])),
    environment: firstValue(labels, ENVIRONMENT_LABELS),
    component: firstValue(labels, COMPONENT_LABELS),
    instance: firstValue(labels, ['instance']),
    value: extras.value,
    labels,
    annotations,
    links,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    notes: [...group.notes],
  };
}

/** Alertmanager UI's "new silence" form, prefilled with one matcher per label of the alert. */
export function buildSilenceUrl(
  externalUrl: string | null,
  labels: Readonly<Record<string, string>>,
): string | null {
  if (externalUrl === null) return null;
  const keys = Object.keys(labels).sort((a, b) =>
    a === 'alertname' ? -1 : b === 'alertname' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const matchers = keys.map((key) => `${key}="${escapeMatcherValue(labels[key]!)}"`);
  const filter = encodeURIComponent(`{${matchers.join(',')}}`);
  return `${externalUrl.replace(/\/+$/, '')}/#/silences/new?filter=${filter}`;
}

function escapeMatcherValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function parseAlertmanagerPayload(body: unknown, options: ParseOptions): ParsedDelivery {
  const group = readAlertGroup(body, 'Alertmanager', '4', options);
  const alerts = group.items.map((value, index) => {
    const alert = readAlertItem(value, index);
    return buildGroupedAlert(alert, group, {
      links: [],
      silenceUrl: buildSilenceUrl(group.externalUrl, alert.labels),
      value: null,
    });
  });
  return { kind: 'ALERTMANAGER', alerts };
}
