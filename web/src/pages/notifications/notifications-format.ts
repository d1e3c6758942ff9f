/** Words for the notifications page: kinds, events in plain language, delivery states. */
import type { CombinedError } from 'urql';
import type {
  NotificationChannelFieldsFragment,
  NotificationChannelKind,
  NotificationDeliveryFieldsFragment,
  NotificationEventType,
  OutboxStatus,
  TaskPriority,
} from '../../gql/graphql';

export type Channel = NotificationChannelFieldsFragment;
export type Delivery = NotificationDeliveryFieldsFragment;
export interface Subscription {
  type: NotificationEventType;
  minPriority?: TaskPriority | null;
}

export const when = (at: string | null | undefined): string =>
  at ? new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

export const whenExact = (at: string): string =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const KINDS: NotificationChannelKind[] = ['SLACK', 'WEBHOOK'];

export const KIND_NAMES: Record<NotificationChannelKind, string> = {
  SLACK: 'Slack or Mattermost',
  WEBHOOK: 'Signed webhook',
};

/** What each event means, as a checkbox and a table cell say it. */
export const EVENT_NAMES: Record<NotificationEventType, string> = {
  ALERT_CARD_CREATED: 'An alert opened a new card',
  ALERT_CARD_REOPENED: 'An alert fired again and reopened its done card',
  SLA_AT_RISK: 'A card has used 75 % of its SLA time',
  SLA_BREACHED: 'A card missed its SLA target',
  RESERVE_AT_RISK: 'Production work took 80 % of the sprint’s reserve',
  RESERVE_EXHAUSTED: 'Production work used up the sprint’s reserve',
  SPRINT_STARTED: 'A sprint started',
  SPRINT_CLOSED: 'A sprint closed, with its capacity summary',
  DEPLOYMENT_SUSPECTED_INCIDENT: 'A new alert card names a recent deployment as its likely cause',
};

/** The events a channel can subscribe to, in the order the form lists them. */
export const OFFERED_EVENTS: NotificationEventType[] = [
  'ALERT_CARD_CREATED',
  'ALERT_CARD_REOPENED',
  'SLA_AT_RISK',
  'SLA_BREACHED',
  'RESERVE_AT_RISK',
  'RESERVE_EXHAUSTED',
  'SPRINT_STARTED',
  'SPRINT_CLOSED',
  'DEPLOYMENT_SUSPECTED_INCIDENT',
];

/** Events about an alert's card, which may be limited to cards from a priority up. */
export const PRIORITY_EVENTS: NotificationEventType[] = [
  'ALERT_CARD_CREATED',
  'ALERT_CARD_REOPENED',
];

/** Lowest first; the floor "Low" lets every prioritized card through. */
export const PRIORITY_FLOORS: [TaskPriority, string][] = [
  ['LOW', 'Low and above'],
  ['MEDIUM', 'Medium and above'],
  ['HIGH', 'High and above'],
  ['URGENT', 'Urgent only'],
];

export const STATUS_NAMES: Record<OutboxStatus, string> = {
  PENDING: 'Pending',
  DELIVERED: 'Delivered',
  FAILED: 'Failed',
};

/** A subscription in words: "An alert opened a new card (High and above)". */
export function subscriptionText(s: Subscription): string {
  const floor = PRIORITY_FLOORS.find(([p]) => p === s.minPriority)?.[1];
  return floor ? `${EVENT_NAMES[s.type]} (${floor.toLowerCase()})` : EVENT_NAMES[s.type];
}

/**
 * What the receiver answered: "HTTP 410", an error ("connect ECONNREFUSED …"), or both; the
 * API's errors for an answer already start with its status ("HTTP 410: …"), said once.
 */
export function receiverAnswer(
  statusCode: number | null | undefined,
  error: string | null | undefined,
): string {
  const status = statusCode ? `HTTP ${statusCode}` : null;
  if (error && status && error.startsWith(status)) return error;
  return [status, error].filter(Boolean).join(' · ') || '—';
}

/** The input the API takes for a channel's subscriptions. */
export const subscriptionsInput = (events: Subscription[]) =>
  events.map((e) => ({ type: e.type, minPriority: e.minPriority ?? null }));

/** The problems the API named per field (`input.url`), events under one key; and the rest. */
export function fieldProblems(error: CombinedError | undefined): {
  fields: Partial<Record<'name' | 'url' | 'events', string>>;
  other: string | null;
} {
  const first = error?.graphQLErrors[0];
  const listed = (first?.extensions['fields'] ?? []) as { field: string; message: string }[];
  const fields: Partial<Record<'name' | 'url' | 'events', string>> = {};
  const rest: string[] = [];
  for (const { field, message } of Array.isArray(listed) ? listed : []) {
    const key = field === 'input.url' ? 'url' : field === 'input.name' ? 'name' : null;
    if (key) fields[key] = sentence(`The ${key === 'url' ? 'URL' : 'name'} ${message}`);
    else if (field.startsWith('input.events')) fields.events = sentence(`The channel ${message}`);
    else rest.push(`${field} ${message}`);
  }
  const other =
    Object.keys(fields).length > 0 && rest.length === 0
      ? null
      : rest.length > 0
        ? rest.join('; ')
        : (first?.message ?? error?.message ?? null);
  return { fields, other };
}

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);
