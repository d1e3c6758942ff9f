/**
 * Readers for the cards alerts become and for an integration's inbox: through GraphQL like a
 * client, except the readers named `db*` (and the log filter) that look at what a request wrote.
 */
import type { DeliveryAnswer } from './alert-factories';
import type { TestApp } from './test-app';

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

/** A team's card numbers, ascending (from the database). */
export async function cardNumbers(t: TestApp, teamId: string): Promise<number[]> {
  const rows = await t.prisma.task.findMany({
    where: { teamId },
    select: { number: true },
    orderBy: { number: 'asc' },
  });
  return rows.map((r) => r.number);
}

/** Log lines at error level or above, but for the request lines of 503s (asked to retry). */
export function errorLogs(t: TestApp): Record<string, unknown>[] {
  return t.logs.filter(
    (l) =>
      (l.level === 'error' || l.level === 'fatal') && !(l.msg === 'request' && l.status === 503),
  );
}
