/**
 * Payload builders for each alert source (in the shape of the shared fixtures) and readers for
 * the cards alerts become, for the alert e2e specs. Writes go through the public API; readers
 * named `db*` look at rows directly to check what a request wrote.
 */
import { createHmac } from 'node:crypto';
import type { Response } from 'supertest';
import { fixture, postWebhook, type IntegrationRef } from './alert-factories';
import {
  addMember,
  createBoard,
  createSprint,
  createTeam,
  startSprint,
  type BoardRef,
  type TeamRef,
} from './factories';
import type { TestApp } from './test-app';

let counter = 0;
export const uniqueId = (prefix = 'x'): string =>
  `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

export interface AlertTeam {
  team: TeamRef;
  board: BoardRef;
  sprintId: string | null;
}

/** A team with a default board (Triage, To Do, In Progress, Review, Done) and, unless told not to, an ACTIVE sprint. */
export async function alertTeam(
  t: TestApp,
  options: { sprint?: boolean; columns?: Record<string, unknown>[] } = {},
): Promise<AlertTeam> {
  const team = await createTeam(t);
  const board = await createBoard(t, team.id, options.columns ? { columns: options.columns } : {});
  let sprintId: string | null = null;
  if (options.sprint ?? true) {
    await addMember(t, team.id, { capacityPerDay: 2 });
    sprintId = (await createSprint(t, team.id, { startDate: '2030-01-07', endDate: '2030-01-18' }))
      .id;
    await startSprint(t, sprintId);
  }
  return { team, board, sprintId };
}

// --- payloads ---------------------------------------------------------------------------------

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

export function hmacHex(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Posts a body with no Authorization header at all (for signed deliveries). */
export function postUnauthenticated(
  t: TestApp,
  integrationId: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return t.anon
    .post(`/webhooks/${integrationId}`)
    .set('content-type', 'application/json')
    .set(headers)
    .send(body);
}

/** Posts and fails the test unless the answer is 200; returns the answer body. */
export async function deliver(
  t: TestApp,
  integration: IntegrationRef,
  body: unknown,
): Promise<DeliveryAnswer> {
  const res = await postWebhook(t, integration, body);
  if (res.status !== 200)
    throw new Error(`Expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as DeliveryAnswer;
}

export interface DeliveryAnswer {
  deliveryId: string;
  received: number;
  created: number;
  updated: number;
  resolved: number;
  reopened: number;
  ignored: number;
}

export function counts(
  partial: Partial<Omit<DeliveryAnswer, 'deliveryId'>>,
): Omit<DeliveryAnswer, 'deliveryId'> {
  return { received: 0, created: 0, updated: 0, resolved: 0, reopened: 0, ignored: 0, ...partial };
}

// --- readers ----------------------------------------------------------------------------------

export const CARD_FIELDS = `
  id key number title description type priority estimate labels source planned rank
  addedToSprintAt startedAt completedAt reopenCount resolution
  column { id name category } sprint { id state } relatedTask { id key }
  alerts { id dedupKey status severity occurrences firings flaps acknowledged mutedUntil endsAt lastSeenAt }
  history { kind actor note from to }
`;

export interface Card {
  id: string;
  key: string;
  number: number;
  title: string;
  description: string | null;
  type: string;
  priority: string;
  estimate: number | null;
  labels: string[];
  source: string;
  planned: boolean;
  rank: string;
  addedToSprintAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  reopenCount: number;
  resolution: string | null;
  column: { id: string; name: string; category: string } | null;
  sprint: { id: string; state: string } | null;
  relatedTask: { id: string; key: string } | null;
  alerts: {
    id: string;
    dedupKey: string;
    status: string;
    severity: string;
    occurrences: number;
    firings: number;
    flaps: number;
    acknowledged: boolean;
    mutedUntil: string | null;
    endsAt: string | null;
    lastSeenAt: string;
  }[];
  history: { kind: string; actor: string; note: string | null; from: unknown; to: unknown }[];
}

export async function card(t: TestApp, id: string): Promise<Card> {
  const data = await t.ok<{ task: Card }>(`query ($id: ID!) { task(id: $id) { ${CARD_FIELDS} } }`, {
    id,
  });
  return data.task;
}

/** The live cards fed by an integration's alerts, oldest first (from the database). */
export async function dbCardsOf(
  t: TestApp,
  integrationId: string,
): Promise<{ id: string; key: string; title: string }[]> {
  const alerts = await t.prisma.alert.findMany({
    where: { integrationId, taskId: { not: null } },
    select: { taskId: true },
  });
  return t.prisma.task.findMany({
    where: { id: { in: alerts.map((a) => a.taskId as string) } },
    orderBy: { number: 'asc' },
    select: { id: true, key: true, title: true },
  });
}

/** The card of the alert with this dedup key (from the database). */
export async function dbCardOfKey(
  t: TestApp,
  integrationId: string,
  dedupKey: string,
): Promise<string> {
  const alert = await t.prisma.alert.findUniqueOrThrow({
    where: { integrationId_dedupKey: { integrationId, dedupKey } },
  });
  if (!alert.taskId) throw new Error(`Alert ${dedupKey} has no card`);
  return alert.taskId;
}

/** Keys and priorities of a column's cards in board order (rank). */
export async function columnOrder(
  t: TestApp,
  columnId: string,
): Promise<{ key: string; priority: string; source: string; rank: string }[]> {
  const rows = await t.prisma.task.findMany({
    where: { columnId, deletedAt: null },
    select: { key: true, priority: true, source: true, rank: true, id: true },
  });
  // Ranks are [0-9a-z] keys that sort bytewise; compare as the service does.
  return rows
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1))
    .map(({ key, priority, source, rank }) => ({ key, priority, source, rank }));
}

/** History kinds of a card, oldest first (from the database). */
export async function dbHistory(t: TestApp, taskId: string): Promise<string[]> {
  const events = await t.prisma.taskEvent.findMany({ where: { taskId }, orderBy: { seq: 'asc' } });
  return events.map((e) => e.kind);
}

export interface DeliveryNode {
  id: string;
  receivedAt: string;
  requestId: string | null;
  contentType: string | null;
  headers: Record<string, string>;
  body: string;
  outcome: string;
  summary: Omit<DeliveryAnswer, 'deliveryId'> | null;
  error: string | null;
  replayOfId: string | null;
}

/** A page of an integration's inbox through GraphQL, newest first. */
export async function deliveries(
  t: TestApp,
  integrationId: string,
  page: { first?: number; after?: string } = {},
): Promise<{
  totalCount: number;
  nodes: DeliveryNode[];
  hasNextPage: boolean;
  endCursor: string | null;
}> {
  const data = await t.ok<{
    webhookDeliveries: {
      totalCount: number;
      edges: { node: DeliveryNode }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  }>(
    `query ($id: ID!, $first: Int, $after: String) {
      webhookDeliveries(integrationId: $id, first: $first, after: $after) {
        totalCount
        edges { node { id receivedAt requestId contentType headers body outcome error replayOfId
          summary { received created updated resolved reopened ignored } } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { id: integrationId, ...page },
  );
  const connection = data.webhookDeliveries;
  return {
    totalCount: connection.totalCount,
    nodes: connection.edges.map((e) => e.node),
    hasNextPage: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor,
  };
}

/** Fails with every non-200 answer shown. */
export function expectAll200(responses: Response[]): void {
  const statuses = responses.map((r) =>
    r.status === 200 ? 200 : `${r.status} ${JSON.stringify(r.body)}`,
  );
  expect(statuses).toEqual(responses.map(() => 200));
}

/** A team's card numbers, ascending (from the database). */
export async function cardNumbers(t: TestApp, teamId: string): Promise<number[]> {
  const rows = await t.prisma.task.findMany({
    where: { teamId },
    select: { number: true },
    orderBy: { number: 'asc' },
  });
  return rows.map((r) => r.number);
}

/**
 * Posts like Alertmanager: a 503 (database busy or away, nothing stored) must carry Retry-After
 * and is retried, after a short pause here; anything else is final. Returns the final answer and
 * how many 503s it took.
 */
export async function postUntilAccepted(
  t: TestApp,
  integration: IntegrationRef,
  body: unknown,
  maxAttempts = 20,
): Promise<{ res: Response; retries: number }> {
  for (let attempt = 1; ; attempt++) {
    const res = await postWebhook(t, integration, body);
    if (res.status !== 503 || attempt >= maxAttempts) return { res, retries: attempt - 1 };
    expect(res.headers['retry-after']).toBe('5');
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
  }
}

/** Log lines at error level or above, but for the request lines of 503s (asked to retry). */
export function errorLogs(t: TestApp): Record<string, unknown>[] {
  return t.logs.filter(
    (l) =>
      (l.level === 'error' || l.level === 'fatal') && !(l.msg === 'request' && l.status === 503),
  );
}
