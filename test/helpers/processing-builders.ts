/**
 * In-memory inputs for the alert pipeline's pure deciders (round-decision.ts, alert-card-plan.ts):
 * parsed alerts, deliveries, locked alert rows, and the integration, columns and cards they read.
 */
import type {
  AlertIntegration,
  BoardColumn,
  Sprint,
  Task,
} from '../../src/generated/prisma/client';
import type { NormalizedAlert } from '../../src/alerts/parsers';
import type { LockedAlert } from '../../src/alerts/processing/alerts.repository';
import type { DeliveryJob } from '../../src/alerts/processing/delivery.types';

export const NOW = new Date('2026-11-20T12:00:00.000Z');

export const minutesAgo = (minutes: number): Date => new Date(NOW.getTime() - minutes * 60_000);

/** A parsed alert of key `key`, firing at WARNING since 30 minutes ago. */
export function parsedAlert(
  key: string,
  overrides: Partial<NormalizedAlert> = {},
): NormalizedAlert {
  const base: NormalizedAlert = {
    dedupKey: key,
    fingerprint: key,
    groupKey: null,
    status: 'FIRING',
    acknowledged: false,
    severity: 'WARNING',
    sourcePriority: null,
    name: 'DiskFull',
    title: `Disk full (${key})`,
    description: null,
    environment: null,
    component: null,
    instance: null,
    value: null,
    labels: {},
    annotations: {},
    links: [],
    startsAt: minutesAgo(30),
    endsAt: null,
    notes: [],
  };
  return { ...base, ...overrides };
}

/** A delivery of `alerts`, received at `receivedAt` (NOW by default), with id `id`. */
export function deliveryOf(
  alerts: NormalizedAlert[],
  delivery: { id?: string; receivedAt?: Date } = {},
): DeliveryJob {
  return {
    alerts,
    delivery: {
      id: delivery.id ?? 'delivery-1',
      receivedAt: delivery.receivedAt ?? NOW,
      requestId: null,
      contentType: 'application/json',
      headers: {},
      body: '{}',
      replayOfId: null,
    },
  };
}

type LockedCard = NonNullable<LockedAlert['card']>;

/** A known alert row of key `key`, firing, feeding open card `task-<key>` (null: no card). */
export function knownAlert(
  key: string,
  overrides: Partial<LockedAlert> = {},
  card: Partial<LockedCard> | null = {},
): LockedAlert {
  const taskId = `task-${key}`;
  return {
    id: `alert-${key}`,
    dedupKey: key,
    status: 'FIRING',
    severity: 'WARNING',
    acknowledged: false,
    mutedUntil: null,
    taskId: card ? taskId : null,
    card: card && {
      id: taskId,
      completedAt: null,
      deletedAt: null,
      startedAt: null,
      columnId: 'col-triage',
      sprintId: null,
      priority: 'MEDIUM',
      resolution: null,
      ...card,
    },
    ...overrides,
  };
}

export function integrationOf(overrides: Partial<AlertIntegration> = {}): AlertIntegration {
  return {
    id: 'integration-1',
    teamId: 'team-1',
    kind: 'ALERTMANAGER',
    name: 'Prod Alertmanager',
    boardId: null,
    columnId: null,
    dedupBy: 'ALERT',
    reopenWindowMinutes: 1440,
    service: null,
    suspectWindowMinutes: 60,
    rules: {},
    resolveColumnId: null,
    tokenHash: 'hash',
    previousTokenHash: null,
    previousTokenExpiresAt: null,
    tokenRotatedAt: null,
    hmacSecret: null,
    hmacTimestampHeader: null,
    alertmanagerUrl: null,
    alertmanagerAuthorization: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

export function columnOf(id: string, overrides: Partial<BoardColumn> = {}): BoardColumn {
  return {
    id,
    boardId: 'board-1',
    name: id,
    category: 'TODO',
    wipLimit: null,
    position: 0,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

export function sprintOf(id: string): Sprint {
  return { id } as Sprint;
}

/** A card of the team, done an hour ago in column `col-done`. */
export function doneTask(id: string, overrides: Partial<Task> = {}): Task {
  return {
    id,
    teamId: 'team-1',
    number: 1,
    key: 'OPS-1',
    title: 'Disk full',
    description: null,
    type: 'PRODUCTION_CHANGE',
    priority: 'MEDIUM',
    estimate: 1,
    columnId: 'col-done',
    rank: 'm',
    sprintId: null,
    assigneeId: null,
    labels: [],
    source: 'ALERT',
    planned: false,
    addedToSprintAt: null,
    createdAt: minutesAgo(120),
    updatedAt: minutesAgo(60),
    startedAt: minutesAgo(90),
    completedAt: minutesAgo(60),
    deletedAt: null,
    resolution: 'DONE',
    reopenCount: 0,
    relatedTaskId: null,
    ...overrides,
  };
}
