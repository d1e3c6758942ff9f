/**
 * The cross-team matrix's "world": a team holding one object of every kind the API exposes, the
 * strings that identify them, and which of them an operation's reference points to.
 */
import { randomUUID } from 'node:crypto';
import { NotificationPublisher } from '../../src/notifications/notification-publisher';
import { createIntegration, postWebhook, type IntegrationRef } from './alert-factories';
import { amAlert, amGroup } from './alert-payloads';
import { issueToken, type IssuedToken } from './api-tokens';
import {
  addMember,
  createBoard,
  createSprint,
  createTask,
  createTeam,
  type BoardRef,
  type TaskRef,
  type TeamRef,
} from './factories';
import type { Resolve } from './operation-plans';
import type { TestApp } from './test-app';

// --- a team with one object of every kind ------------------------------------------------------

export interface TeamWorld {
  team: TeamRef & { name: string };
  /** A token with ADMIN on this team only. */
  admin: IssuedToken;
  member: string;
  board: BoardRef;
  /** The TODO column: holds task, task2 and task3, in that order. */
  column: string;
  /** The IN_PROGRESS column. */
  column2: string;
  /** Two PLANNED sprints. */
  sprint: string;
  sprint2: string;
  task: TaskRef;
  task2: TaskRef;
  task3: TaskRef;
  integration: IntegrationRef;
  alert: string;
  /** The card the alert became. */
  alertTask: string;
  delivery: string;
  /** A deployment reported by a GENERIC_DEPLOYMENT integration. */
  deployment: string;
  /** A VIEWER token of this team (an object that team admins manage). */
  apiToken: IssuedToken;
  /** Two pending replan proposals (of no task) on `sprint`: one to accept, one to reject. */
  replanProposal: string;
  replanProposal2: string;
  /** A WEBHOOK channel, and a message queued for it. */
  notificationChannel: string;
  notification: string;
}

/** Builds, as the instance admin, a team with every kind of object the API exposes. */
export async function teamWorld(t: TestApp, label: string): Promise<TeamWorld> {
  const name = `World ${label} ${randomUUID().slice(0, 8)}`;
  const team = await createTeam(t, { name });
  const admin = await issueToken(t, { teamId: team.id, role: 'ADMIN', name: `${label} admin` });
  const member = (await addMember(t, team.id, { capacityPerDay: 2 })).id;
  const board = await createBoard(t, team.id);
  const column = board.column.TODO!.id;
  const column2 = board.column.IN_PROGRESS!.id;
  const sprint = (
    await createSprint(t, team.id, { startDate: '2031-03-03', endDate: '2031-03-14' })
  ).id;
  const sprint2 = (
    await createSprint(t, team.id, { startDate: '2031-03-17', endDate: '2031-03-28' })
  ).id;
  const onBoard = { boardId: board.id, columnId: column, assigneeId: member, estimate: 2 };
  const task = await createTask(t, team.id, onBoard);
  const task2 = await createTask(t, team.id, onBoard);
  const task3 = await createTask(t, team.id, onBoard);
  const integration = await createIntegration(t, team.id, { boardId: board.id, name: label });
  const posted = await postWebhook(t, integration, amGroup([amAlert()]));
  if (posted.status !== 200)
    throw new Error(`webhook post failed: ${posted.status} ${posted.text}`);
  const delivery = (posted.body as { deliveryId: string }).deliveryId;
  const alerts = await t.ok<{
    alerts: { edges: { node: { id: string; task: { id: string } } }[] };
  }>(`query ($teamId: ID!) { alerts(teamId: $teamId) { edges { node { id task { id } } } } }`, {
    teamId: team.id,
  });
  const alertNode = alerts.alerts.edges[0]!.node;
  const ci = await createIntegration(t, team.id, {
    kind: 'GENERIC_DEPLOYMENT',
    name: `${label} CI`,
  });
  const deployed = await postWebhook(t, ci, {
    service: 'api',
    environment: 'production',
    version: 'v1',
    status: 'success',
    started_at: '2031-03-03T10:00:00Z',
    finished_at: '2031-03-03T10:05:00Z',
  });
  if (deployed.status !== 200)
    throw new Error(`deployment post failed: ${deployed.status} ${deployed.text}`);
  const deployment = (deployed.body as { deploymentId: string }).deploymentId;
  const apiToken = await issueToken(t, {
    teamId: team.id,
    role: 'VIEWER',
    name: `${label} viewer`,
  });
  const proposal = (sequence: number) =>
    t.prisma.replanProposal.create({
      data: {
        sprintId: sprint,
        sequence,
        usedPoints: 0,
        reservedPoints: 0,
        overflowPoints: 0,
        coveredPoints: 0,
        targetPoints: 0,
        proposedPoints: 0,
        tasks: [],
      },
    });
  const replanProposal = (await proposal(1)).id;
  const replanProposal2 = (await proposal(2)).id;
  const { notificationChannel, notification } = await channelWithMessage(t, team.id, label);
  return {
    team: { ...team, name },
    admin,
    member,
    board,
    column,
    column2,
    sprint,
    sprint2,
    task,
    task2,
    task3,
    integration,
    alert: alertNode.id,
    alertTask: alertNode.task.id,
    delivery,
    deployment,
    apiToken,
    replanProposal,
    replanProposal2,
    notificationChannel,
    notification,
  };
}

/** A channel to a name that never resolves (RFC 6761), with one event queued for it. */
async function channelWithMessage(
  t: TestApp,
  teamId: string,
  label: string,
): Promise<{ notificationChannel: string; notification: string }> {
  const created = await t.ok<{ createNotificationChannel: { channel: { id: string } } }>(
    `mutation ($input: CreateNotificationChannelInput!) {
      createNotificationChannel(input: $input) { channel { id } } }`,
    {
      input: {
        teamId,
        kind: 'WEBHOOK',
        name: `${label} receiver`,
        url: 'https://receiver.loopboard.invalid/events',
        events: [{ type: 'SPRINT_STARTED' }],
      },
    },
  );
  const channelId = created.createNotificationChannel.channel.id;
  const publisher = t.app.get(NotificationPublisher);
  await t.prisma.$transaction((tx) =>
    publisher.publish(tx, [
      { type: 'sprint.started', teamId, occurredAt: new Date(), summary: 'started', data: {} },
    ]),
  );
  const message = await t.prisma.outboxMessage.findFirstOrThrow({ where: { channelId } });
  return { notificationChannel: channelId, notification: message.id };
}

/** Strings that identify a world's objects: none of them may appear in another team's answers. */
export function fingerprints(world: TeamWorld): string[] {
  return [
    world.team.id,
    world.team.name,
    world.admin.id,
    world.member,
    world.board.id,
    ...world.board.columns.map((c) => c.id),
    world.sprint,
    world.sprint2,
    ...[world.task, world.task2, world.task3].flatMap((task) => [task.id, task.key]),
    world.integration.id,
    world.alert,
    world.alertTask,
    world.delivery,
    world.deployment,
    world.apiToken.id,
    world.replanProposal,
    world.replanProposal2,
    world.notificationChannel,
    world.notification,
  ];
}

/** The objects of a world an argument may point to. */
export type IdKind =
  | 'team'
  | 'teamKey'
  | 'task'
  | 'task2'
  | 'task3'
  | 'taskKey'
  | 'tasks'
  | 'board'
  | 'column'
  | 'column2'
  | 'columns'
  | 'sprint'
  | 'sprint2'
  | 'member'
  | 'integration'
  | 'alert'
  | 'delivery'
  | 'deployment'
  | 'apiToken'
  | 'replanProposal'
  | 'replanProposal2'
  | 'notificationChannel'
  | 'notification';

export function worldValue(world: TeamWorld, kind: IdKind): string | string[] {
  switch (kind) {
    case 'team':
      return world.team.id;
    case 'teamKey':
      return world.team.key;
    case 'task':
      return world.task.id;
    case 'task2':
      return world.task2.id;
    case 'task3':
      return world.task3.id;
    case 'taskKey':
      return world.task.key;
    case 'tasks':
      return [world.task.id];
    case 'board':
      return world.board.id;
    case 'column':
      return world.column;
    case 'column2':
      return world.column2;
    case 'columns':
      return world.board.columns.map((c) => c.id);
    case 'sprint':
      return world.sprint;
    case 'sprint2':
      return world.sprint2;
    case 'member':
      return world.member;
    case 'integration':
      return world.integration.id;
    case 'alert':
      return world.alert;
    case 'delivery':
      return world.delivery;
    case 'deployment':
      return world.deployment;
    case 'apiToken':
      return world.apiToken.id;
    case 'replanProposal':
      return world.replanProposal;
    case 'replanProposal2':
      return world.replanProposal2;
    case 'notificationChannel':
      return world.notificationChannel;
    case 'notification':
      return world.notification;
  }
}

/** A reference of the same shape that names nothing. */
export function missingValue(kind: IdKind, like: string | string[]): string | string[] {
  if (Array.isArray(like)) return like.map(() => randomUUID());
  if (kind === 'teamKey') return 'ZZ9NONE';
  if (kind === 'taskKey') return 'ZZ9NONE-999';
  return randomUUID();
}

/** Calls in that order that need another object of the same kind (the first one changed). */
export const SWAPPED_OBJECTS: Record<string, Partial<Record<IdKind, IdKind>>> = {
  // `sprint` is CLOSED by then; only PLANNED sprints can be deleted.
  deleteSprint: { sprint: 'sprint2' },
  // The first proposal was accepted by then.
  rejectReplanProposal: { replanProposal: 'replanProposal2' },
};

/** A world's objects for a call made in run order. */
export const resolverFor =
  (world: TeamWorld, operationName: string): Resolve =>
  (slot) =>
    worldValue(world, SWAPPED_OBJECTS[operationName]?.[slot.kind] ?? slot.kind);
