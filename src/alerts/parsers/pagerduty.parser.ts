import {
  ENVIRONMENT_LABELS,
  collectLinks,
  firstValue,
  nonBlank,
  toDescription,
  toTitle,
} from './alert-fields';
import {
  PayloadError,
  type AlertStatus,
  type NormalizedAlert,
  type ParseOptions,
  type ParsedDelivery,
} from './normalized-alert';
import {
  MAX_MAP_ENTRIES,
  field,
  itemPath,
  readObject,
  readOptionalArray,
  readOptionalDate,
  readOptionalObject,
  readOptionalString,
  readString,
  type JsonObject,
} from './payload-reader';
import { normalizeSeverity } from './severity';

// PagerDuty v3 webhook subscriptions: one event per post, of which only incident.* events are
// alerts. Anything else (service.*, pagey.ping) parses to no alerts and is counted as ignored.

interface IncidentState {
  status: AlertStatus;
  acknowledged: boolean;
}

const STATE_BY_EVENT: Readonly<Record<string, IncidentState>> = {
  'incident.triggered': { status: 'FIRING', acknowledged: false },
  'incident.reopened': { status: 'FIRING', acknowledged: false },
  'incident.acknowledged': { status: 'FIRING', acknowledged: true },
  'incident.resolved': { status: 'RESOLVED', acknowledged: false },
};

const STATE_BY_INCIDENT_STATUS: Readonly<Record<string, IncidentState>> = {
  triggered: { status: 'FIRING', acknowledged: false },
  acknowledged: { status: 'FIRING', acknowledged: true },
  resolved: { status: 'RESOLVED', acknowledged: false },
};

export function parsePagerDutyPayload(body: unknown, _options: ParseOptions): ParsedDelivery {
  const root = readObject(body, '');
  const event = readObject(field(root, 'event'), 'event');
  const eventType = readString(event, 'event_type', 'event');
  const resourceType = readOptionalString(event, 'resource_type', 'event');
  if (!eventType.startsWith('incident.') || (resourceType ?? 'incident') !== 'incident') {
    return { kind: 'PAGERDUTY', alerts: [] };
  }
  const data = readObject(field(event, 'data'), 'event.data');
  const state = incidentState(eventType, data);
  if (state === null) return { kind: 'PAGERDUTY', alerts: [] };
  return { kind: 'PAGERDUTY', alerts: [buildIncidentAlert(event, data, eventType, state)] };
}

/**
 * The event type says what happened; for the other incident.* events (priority_updated,
 * escalated, reassigned …) the incident's current status is the truth. Events whose data is not
 * an incident (annotated, responder.added) carry no status: reading them as "firing" would reopen
 * resolved cards, so they are ignored.
 */
function incidentState(eventType: string, data: JsonObject): IncidentState | null {
  if (Object.hasOwn(STATE_BY_EVENT, eventType)) return STATE_BY_EVENT[eventType]!;
  const type = readOptionalString(data, 'type', 'event.data');
  const status = readOptionalString(data, 'status', 'event.data')?.toLowerCase();
  if ((type ?? 'incident') !== 'incident' || status === undefined) return null;
  return Object.hasOwn(STATE_BY_INCIDENT_STATUS, status) ? STATE_BY_INCIDENT_STATUS[status]! : null;
}

function buildIncidentAlert(
  event: JsonObject,
  data: JsonObject,
  eventType: string,
  state: IncidentState,
): NormalizedAlert {
  const path = 'event.data';
  const id = readString(data, 'id', path);
  if (id.trim() === '') throw new PayloadError(`${path}.id`, `${path}.id must not be empty`);
  const incidentKey = nonBlank(readOptionalString(data, 'incident_key', path));
  const title = nonBlank(readString(data, 'title', path)) ?? `PagerDuty incident ${id}`;
  const htmlUrl = readOptionalString(data, 'html_url', path);
  const description = readOptionalString(data, 'description', path);
  const urgency = nonBlank(readOptionalString(data, 'urgency', path));
  const priority = nonBlank(referenceSummary(data, 'priority', path));
  const service = nonBlank(referenceSummary(data, 'service', path));
  const escalationPolicy = nonBlank(referenceSummary(data, 'escalation_policy', path));
  const teams = readTeams(data, path);
  const createdAt = readOptionalDate(data, 'created_at', path);
  const occurredAt = readOptionalDate(event, 'occurred_at', 'event');
  const agent = nonBlank(referenceSummary(event, 'agent', 'event'));

  const labels: Record<string, string> = {};
  const labelValues = { service, urgency, priority, escalation_policy: escalationPolicy, teams };
  for (const [key, value] of Object.entries(labelValues)) {
    if (value !== null) labels[key] = value;
  }
  const prioritySeverity = normalizeSeverity(priority);
  const dedupKey = incidentKey ?? id;
  return {
    dedupKey,
    fingerprint: dedupKey,
    groupKey: null,
    status: state.status,
    acknowledged: state.acknowledged,
    // A custom priority scheme without P-levels falls back to urgency.
    severity: prioritySeverity !== 'UNKNOWN' ? prioritySeverity : normalizeSeverity(urgency),
    sourcePriority: priority,
    name: toTitle(title),
    title: toTitle(title),
    description: toDescription(description),
    environment: firstValue(labels, ENVIRONMENT_LABELS),
    component: service,
    instance: null,
    value: null,
    labels,
    annotations: {},
    links: collectLinks([{ title: 'PagerDuty incident', url: htmlUrl }]),
    startsAt: createdAt ?? occurredAt,
    endsAt: state.status === 'RESOLVED' ? occurredAt : null,
    notes:
      eventType === 'incident.triggered'
        ? []
        : [`PagerDuty ${eventType}${agent === null ? '' : ` by ${agent}`}`],
  };
}

/** PagerDuty references (`service`, `priority` …) carry their display name in `summary`. */
function referenceSummary(obj: JsonObject, key: string, parent: string): string | null {
  const reference = readOptionalObject(obj, key, parent);
  return reference === null ? null : readOptionalString(reference, 'summary', `${parent}.${key}`);
}

function readTeams(data: JsonObject, parent: string): string | null {
  const teams = readOptionalArray(data, 'teams', parent, MAX_MAP_ENTRIES) ?? [];
  const names = teams.map((team, index) => {
    const path = itemPath(`${parent}.teams`, index);
    return nonBlank(readOptionalString(readObject(team, path), 'summary', path));
  });
  const present = names.filter((name): name is string => name !== null);
  return present.length === 0 ? null : present.join(', ');
}
