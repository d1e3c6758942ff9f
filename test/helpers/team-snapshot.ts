/** Every row that belongs to a team, to show that a refused request changed nothing. */
import type { Prisma } from '../../src/generated/prisma/client';
import type { TestApp } from './test-app';

/** The table of each model in a team snapshot; `tokenGrants` come with their tokens. */
export const SNAPSHOT_MODELS: Record<Prisma.ModelName, string> = {
  Team: 'team',
  TaskCounter: 'taskCounter',
  Member: 'members',
  Board: 'boards',
  BoardVersion: 'boardVersions',
  LiveCommitHook: 'liveCommitHooks',
  BoardColumn: 'columns',
  Sprint: 'sprints',
  SprintMember: 'availability',
  SprintMemberDayOff: 'daysOff',
  TeamHoliday: 'holidays',
  SprintReserveEvent: 'reserveEvents',
  ReplanProposal: 'replanProposals',
  Task: 'tasks',
  TaskEvent: 'taskEvents',
  AlertIntegration: 'integrations',
  WebhookDelivery: 'deliveries',
  Alert: 'alerts',
  AlertEpisode: 'episodes',
  ApiToken: 'tokens',
  TokenGrant: 'tokens',
  AuditEvent: 'audit',
  SlaClock: 'slaClocks',
  SlaBreach: 'slaBreaches',
  SlaWarning: 'slaWarnings',
  SlaClockOverride: 'slaClockOverride',
  Deployment: 'deployments',
  DeploymentCommit: 'deploymentCommits',
  DeploymentTask: 'deploymentTasks',
  IncidentCause: 'incidentCauses',
  ForgePush: 'pushes',
  ForgePushCommit: 'pushCommits',
  NotificationChannel: 'notificationChannels',
  OutboxMessage: 'outbox',
  OutboxAttempt: 'outbox',
};

/**
 * Every row that belongs to a team, in a stable order: equal snapshots mean nothing changed.
 * SNAPSHOT_MODELS is typed by Prisma's model names, so a new table does not compile until it is
 * placed here.
 */
export async function snapshotTeam(t: TestApp, teamId: string): Promise<unknown> {
  const p = t.prisma;
  const byId = { orderBy: { id: 'asc' as const } };
  const snapshot = {
    team: await p.team.findUnique({ where: { id: teamId } }),
    taskCounter: await p.taskCounter.findUnique({ where: { teamId } }),
    members: await p.member.findMany({ where: { teamId }, ...byId }),
    boards: await p.board.findMany({ where: { teamId }, ...byId }),
    boardVersions: await p.boardVersion.findMany({
      where: { board: { teamId } },
      orderBy: { boardId: 'asc' },
    }),
    // Rows of transactions in flight: always none once they committed or rolled back.
    liveCommitHooks: await p.liveCommitHook.findMany(),
    columns: await p.boardColumn.findMany({ where: { board: { teamId } }, ...byId }),
    sprints: await p.sprint.findMany({ where: { teamId }, ...byId }),
    availability: await p.sprintMember.findMany({
      where: { sprint: { teamId } },
      orderBy: [{ sprintId: 'asc' }, { memberId: 'asc' }],
    }),
    daysOff: await p.sprintMemberDayOff.findMany({
      where: { availability: { sprint: { teamId } } },
      orderBy: [{ sprintId: 'asc' }, { memberId: 'asc' }, { date: 'asc' }],
    }),
    holidays: await p.teamHoliday.findMany({ where: { teamId }, orderBy: { date: 'asc' } }),
    reserveEvents: await p.sprintReserveEvent.findMany({ where: { sprint: { teamId } }, ...byId }),
    replanProposals: await p.replanProposal.findMany({ where: { sprint: { teamId } }, ...byId }),
    tasks: await p.task.findMany({ where: { teamId }, ...byId }),
    taskEvents: await p.taskEvent.findMany({ where: { teamId }, ...byId }),
    integrations: await p.alertIntegration.findMany({ where: { teamId }, ...byId }),
    deliveries: await p.webhookDelivery.findMany({ where: { integration: { teamId } }, ...byId }),
    alerts: await p.alert.findMany({ where: { teamId }, ...byId }),
    episodes: await p.alertEpisode.findMany({ where: { teamId }, ...byId }),
    // Using a token is not changing it: lastUsedAt is left out.
    tokens: await p.apiToken.findMany({
      where: { grants: { some: { teamId } } },
      omit: { lastUsedAt: true },
      include: { grants: { orderBy: { teamId: 'asc' } } },
      ...byId,
    }),
    audit: await p.auditEvent.findMany({ where: { teamId }, ...byId }),
    slaClocks: await p.slaClock.findMany({ where: { teamId }, orderBy: { taskId: 'asc' } }),
    slaBreaches: await p.slaBreach.findMany({ where: { teamId }, ...byId }),
    slaWarnings: await p.slaWarning.findMany({ where: { teamId }, ...byId }),
    // The instance's SLA clock (set only by tests): no team's.
    slaClockOverride: await p.slaClockOverride.findMany(),
    deployments: await p.deployment.findMany({ where: { teamId }, ...byId }),
    deploymentCommits: await p.deploymentCommit.findMany({
      where: { deployment: { teamId } },
      orderBy: [{ deploymentId: 'asc' }, { sha: 'asc' }],
    }),
    deploymentTasks: await p.deploymentTask.findMany({
      where: { deployment: { teamId } },
      orderBy: [{ deploymentId: 'asc' }, { taskId: 'asc' }],
    }),
    incidentCauses: await p.incidentCause.findMany({
      where: { teamId },
      orderBy: { taskId: 'asc' },
    }),
    pushes: await p.forgePush.findMany({ where: { teamId }, ...byId }),
    pushCommits: await p.forgePushCommit.findMany({
      where: { push: { teamId } },
      orderBy: [{ pushId: 'asc' }, { position: 'asc' }],
    }),
    notificationChannels: await p.notificationChannel.findMany({ where: { teamId }, ...byId }),
    // What was queued (a refused change queues nothing), not how the dispatcher, working in
    // the background, has fared with it since (attempts, status and their log).
    outbox: await p.outboxMessage.findMany({
      where: { teamId },
      select: {
        id: true,
        kind: true,
        channelId: true,
        topic: true,
        payload: true,
        createdAt: true,
      },
      ...byId,
    }),
  };
  const missing = Object.values(SNAPSHOT_MODELS).filter((key) => !(key in snapshot));
  if (missing.length) throw new Error(`snapshotTeam does not read ${missing.join(', ')}`);
  return JSON.parse(
    JSON.stringify(snapshot, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    ),
  );
}
