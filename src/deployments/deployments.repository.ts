import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type { Deployment, DeploymentCommit, IncidentCause, Task } from '../generated/prisma/client';
import type { DeploymentCommitInput, DeploymentStatus } from './parsers';
import type { MetricsDeployment, MetricsIncident } from './delivery-metrics';
import type { SuspectDeployment, SuspectQuery } from './suspects';

export interface SprintChangeFailureRow {
  sprintId: string;
  name: string;
  startDate: string;
  endDate: string;
  reservedPoints: number;
  confirmedCards: number;
  confirmedPoints: number;
  suspectedCards: number;
  suspectedPoints: number;
}

export interface DeploymentRow {
  id: string;
  teamId: string;
  integrationId: string;
  externalId: string;
  service: string;
  environment: string;
  version: string;
  ref: string | null;
  commitSha: string | null;
  status: DeploymentStatus;
  statusAt: Date;
  startedAt: Date;
  finishedAt: Date | null;
  url: string | null;
  rollbackOfRef: string | null;
}

/** What a newer event changes on a deployment; the other fields are filled in only where unknown. */
export type DeploymentUpdate = Pick<
  DeploymentRow,
  'status' | 'statusAt' | 'startedAt' | 'finishedAt' | 'url' | 'ref' | 'commitSha' | 'rollbackOfRef'
>;

interface RawDeployment {
  id: string;
  team_id: string;
  integration_id: string;
  external_id: string;
  service: string;
  environment: string;
  version: string;
  ref: string | null;
  commit_sha: string | null;
  status: DeploymentStatus;
  status_at: Date;
  started_at: Date;
  finished_at: Date | null;
  url: string | null;
  rollback_of_ref: string | null;
}

function fromRaw(r: RawDeployment): DeploymentRow {
  return {
    id: r.id,
    teamId: r.team_id,
    integrationId: r.integration_id,
    externalId: r.external_id,
    service: r.service,
    environment: r.environment,
    version: r.version,
    ref: r.ref,
    commitSha: r.commit_sha,
    status: r.status,
    statusAt: r.status_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    url: r.url,
    rollbackOfRef: r.rollback_of_ref,
  };
}

@Injectable()
export class DeploymentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Inserts the deployment unless the integration already has one with its external id: the
   * unique key decides between parallel deliveries (the loser waits for the winner's commit and
   * then finds its row). True when this call inserted it.
   */
  async insertIfNew(tx: PrismaTx, d: DeploymentRow): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO deployments (id, team_id, integration_id, external_id, service, environment, version, ref,
        commit_sha, status, status_at, started_at, finished_at, url, rollback_of_ref, updated_at)
      VALUES (${d.id}::uuid, ${d.teamId}::uuid, ${d.integrationId}::uuid, ${d.externalId}, ${d.service},
        ${d.environment}, ${d.version}, ${d.ref}, ${d.commitSha}, ${d.status}::"DeploymentStatus",
        ${d.statusAt}::timestamptz, ${d.startedAt}::timestamptz, ${d.finishedAt}::timestamptz, ${d.url},
        ${d.rollbackOfRef}, now())
      ON CONFLICT (integration_id, external_id) DO NOTHING
      RETURNING id`;
    return rows.length === 1;
  }

  /** The integration's deployment with this external id, locked until the transaction ends. */
  async lock(tx: PrismaTx, integrationId: string, externalId: string): Promise<DeploymentRow> {
    const rows = await tx.$queryRaw<RawDeployment[]>`
      SELECT id, team_id, integration_id, external_id, service, environment, version, ref, commit_sha,
        status::text AS status, status_at, started_at, finished_at, url, rollback_of_ref
      FROM deployments WHERE integration_id = ${integrationId}::uuid AND external_id = ${externalId}
      FOR UPDATE`;
    const row = rows[0];
    if (!row) throw new Error(`Deployment ${externalId} of integration ${integrationId} is gone`);
    return fromRaw(row);
  }

  async update(tx: PrismaTx, id: string, u: DeploymentUpdate): Promise<void> {
    await tx.$executeRaw`
      UPDATE deployments SET status = ${u.status}::"DeploymentStatus", status_at = ${u.statusAt}::timestamptz,
        started_at = ${u.startedAt}::timestamptz, finished_at = ${u.finishedAt}::timestamptz, url = ${u.url},
        ref = ${u.ref}, commit_sha = ${u.commitSha}, rollback_of_ref = ${u.rollbackOfRef}, updated_at = now()
      WHERE id = ${id}::uuid`;
  }

  /** Adds commits the deployment does not have yet (events may each bring some). */
  async addCommits(
    tx: PrismaTx,
    deploymentId: string,
    commits: readonly DeploymentCommitInput[],
  ): Promise<void> {
    if (commits.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO deployment_commits (deployment_id, sha, message, authored_at)
      SELECT ${deploymentId}::uuid, v.sha, v.message, v.authored_at
      FROM unnest(${commits.map((c) => c.sha)}::text[], ${commits.map((c) => c.message)}::text[],
        ${commits.map((c) => c.authoredAt)}::timestamptz[]) AS v(sha, message, authored_at)
      ON CONFLICT (deployment_id, sha) DO UPDATE
        SET message = COALESCE(deployment_commits.message, EXCLUDED.message),
          authored_at = COALESCE(deployment_commits.authored_at, EXCLUDED.authored_at)`;
    const authored = commits.flatMap((c) => (c.authoredAt ? [c.authoredAt.getTime()] : []));
    if (authored.length > 0)
      await tx.$executeRaw`
        UPDATE deployments SET first_commit_at = LEAST(first_commit_at, ${new Date(Math.min(...authored))}::timestamptz)
        WHERE id = ${deploymentId}::uuid`;
  }

  /** The team's live (not deleted) tasks with these keys. */
  async tasksByKeys(
    tx: PrismaTx,
    teamId: string,
    keys: readonly string[],
  ): Promise<{ id: string; key: string }[]> {
    if (keys.length === 0) return [];
    return tx.$queryRaw<{ id: string; key: string }[]>`
      SELECT id, key FROM tasks
      WHERE team_id = ${teamId}::uuid AND key = ANY(${[...keys]}::text[]) AND deleted_at IS NULL
      ORDER BY key`;
  }

  /** Links the tasks to the deployment; returns the ones that were not linked before. */
  async linkTasks(
    tx: PrismaTx,
    deploymentId: string,
    taskIds: readonly string[],
  ): Promise<string[]> {
    if (taskIds.length === 0) return [];
    const rows = await tx.$queryRaw<{ task_id: string }[]>`
      INSERT INTO deployment_tasks (deployment_id, task_id)
      SELECT ${deploymentId}::uuid, t FROM unnest(${[...taskIds]}::uuid[]) AS t
      ON CONFLICT DO NOTHING
      RETURNING task_id`;
    return rows.map((r) => r.task_id);
  }

  async linkedTaskIds(tx: PrismaTx, deploymentId: string): Promise<string[]> {
    const rows = await tx.$queryRaw<{ task_id: string }[]>`
      SELECT task_id FROM deployment_tasks WHERE deployment_id = ${deploymentId}::uuid ORDER BY task_id`;
    return rows.map((r) => r.task_id);
  }

  /**
   * For each query, the last successful deployment of its service (and environment, when given;
   * names compared case-insensitively) that finished within `windowMinutes` before the alert
   * started, both ends included; with the previous successful version (the rollback hint) and
   * its commits.
   */
  async suspects(
    tx: PrismaTx,
    teamId: string,
    windowMinutes: number,
    queries: readonly SuspectQuery[],
  ): Promise<(SuspectDeployment | null)[]> {
    if (queries.length === 0 || windowMinutes <= 0) return queries.map(() => null);
    const rows = await tx.$queryRaw<
      {
        i: bigint;
        id: string;
        service: string;
        environment: string;
        version: string;
        url: string | null;
        finished_at: Date;
        previous_version: string | null;
      }[]
    >`
      SELECT k.i, d.id, d.service, d.environment, d.version, d.url, d.finished_at, p.version AS previous_version
      FROM unnest(${queries.map((q) => q.service)}::text[], ${queries.map((q) => q.environment)}::text[],
        ${queries.map((q) => q.at)}::timestamptz[]) WITH ORDINALITY AS k(service, environment, at, i)
      CROSS JOIN LATERAL (
        SELECT * FROM deployments d
        WHERE d.team_id = ${teamId}::uuid AND lower(d.service) = lower(k.service)
          AND (k.environment IS NULL OR lower(d.environment) = lower(k.environment))
          AND d.status = 'SUCCESS' AND d.finished_at <= k.at
          AND d.finished_at >= k.at - make_interval(mins => ${windowMinutes}::int)
        ORDER BY d.finished_at DESC, d.id DESC LIMIT 1
      ) d
      LEFT JOIN LATERAL (
        SELECT p.version FROM deployments p
        WHERE p.team_id = d.team_id AND p.service = d.service AND p.environment = d.environment
          AND p.status = 'SUCCESS' AND p.finished_at <= d.started_at AND p.id <> d.id
        ORDER BY p.finished_at DESC, p.id DESC LIMIT 1
      ) p ON true`;
    const ids = [...new Set(rows.map((r) => r.id))];
    const commits =
      ids.length === 0
        ? []
        : await tx.$queryRaw<{ deployment_id: string; sha: string; message: string | null }[]>`
            SELECT deployment_id, sha, message FROM deployment_commits
            WHERE deployment_id = ANY(${ids}::uuid[])
            ORDER BY authored_at ASC NULLS LAST, sha`;
    const found = new Map(rows.map((r) => [Number(r.i) - 1, r]));
    return queries.map((_, index) => {
      const r = found.get(index);
      if (!r) return null;
      return {
        id: r.id,
        service: r.service,
        environment: r.environment,
        version: r.version,
        url: r.url,
        finishedAt: r.finished_at,
        previousVersion: r.previous_version,
        commits: commits
          .filter((c) => c.deployment_id === r.id)
          .map((c) => ({ sha: c.sha, message: c.message })),
      };
    });
  }

  /** New cards' suspects; a card keeps the cause it has (a retried delivery changes nothing). */
  async recordSuspects(
    tx: PrismaTx,
    teamId: string,
    links: readonly { taskId: string; deploymentId: string }[],
  ): Promise<void> {
    if (links.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO incident_causes (task_id, team_id, deployment_id)
      SELECT t, ${teamId}::uuid, d FROM unnest(${links.map((l) => l.taskId)}::uuid[],
        ${links.map((l) => l.deploymentId)}::uuid[]) AS v(t, d)
      ON CONFLICT (task_id) DO NOTHING`;
  }

  causesOfTasks(taskIds: readonly string[]): Promise<IncidentCause[]> {
    return this.prisma.incidentCause.findMany({ where: { taskId: { in: [...taskIds] } } });
  }

  /** The task's cause, locked (with the task's row) for a change. */
  async lockCause(tx: PrismaTx, taskId: string): Promise<IncidentCause | null> {
    await tx.$executeRaw`SELECT 1 FROM tasks WHERE id = ${taskId}::uuid FOR UPDATE`;
    return tx.incidentCause.findUnique({ where: { taskId } });
  }

  async confirmCause(
    tx: PrismaTx,
    cause: { taskId: string; teamId: string; deploymentId: string; by: string; at: Date },
  ): Promise<void> {
    await tx.incidentCause.upsert({
      where: { taskId: cause.taskId },
      create: {
        taskId: cause.taskId,
        teamId: cause.teamId,
        deploymentId: cause.deploymentId,
        confirmedAt: cause.at,
        confirmedBy: cause.by,
      },
      update: { deploymentId: cause.deploymentId, confirmedAt: cause.at, confirmedBy: cause.by },
    });
  }

  async clearCause(tx: PrismaTx, taskId: string): Promise<void> {
    await tx.incidentCause.deleteMany({ where: { taskId } });
  }

  /**
   * The history the delivery report reads: the deployments of the environment (and service)
   * started before `to`, with their first commit's authoring time.
   */
  async deliveryHistory(
    teamId: string,
    environment: string,
    service: string | null,
    to: Date,
    db: PrismaTx = this.prisma,
  ): Promise<MetricsDeployment[]> {
    // One JSON document rather than a row per deployment: a year of history is thousands of
    // rows, and parsing one string costs a fraction of mapping each cell.
    const [result] = await db.$queryRaw<{ rows: string | null }[]>`
      SELECT json_agg(json_build_array(d.id, d.external_id, d.service, d.environment, d.version, d.status,
          (extract(epoch FROM d.started_at) * 1000)::bigint, (extract(epoch FROM d.finished_at) * 1000)::bigint,
          d.rollback_of_ref, (extract(epoch FROM d.first_commit_at) * 1000)::bigint)
        ORDER BY d.started_at, d.id)::text AS rows
      FROM deployments d
      WHERE d.team_id = ${teamId}::uuid AND lower(d.environment) = lower(${environment})
        AND (${service}::text IS NULL OR lower(d.service) = lower(${service}::text)) AND d.started_at < ${to}::timestamptz`;
    const rows = JSON.parse(result?.rows ?? '[]') as [
      string,
      string,
      string,
      string,
      string,
      DeploymentStatus,
      number,
      number | null,
      string | null,
      number | null,
    ][];
    return rows.map((r) => ({
      id: r[0],
      externalId: r[1],
      service: r[2],
      environment: r[3],
      version: r[4],
      status: r[5],
      startedAt: new Date(r[6]),
      finishedAt: r[7] === null ? null : new Date(r[7]),
      rollbackOfRef: r[8],
      firstCommitAt: r[9] === null ? null : new Date(r[9]),
    }));
  }

  /**
   * The live alert cards linked to the deployments: when their alert started, and when the
   * incident was over (the card done, or every alert of it resolved, whichever came first).
   */
  async incidentsOf(
    deploymentIds: readonly string[],
    db: PrismaTx = this.prisma,
  ): Promise<MetricsIncident[]> {
    if (deploymentIds.length === 0) return [];
    const rows = await db.$queryRaw<
      { deployment_id: string; confirmed: boolean; started_at: Date; resolved_at: Date | null }[]
    >`
      SELECT c.deployment_id, c.confirmed_at IS NOT NULL AS confirmed,
        COALESCE((SELECT min(a.starts_at) FROM alerts a WHERE a.task_id = t.id), t.created_at) AS started_at,
        LEAST(t.completed_at, CASE WHEN NOT EXISTS (
          SELECT 1 FROM alerts a WHERE a.task_id = t.id AND a.status = 'FIRING'
        ) THEN (SELECT max(a.ends_at) FROM alerts a WHERE a.task_id = t.id) END) AS resolved_at
      FROM incident_causes c JOIN tasks t ON t.id = c.task_id AND t.deleted_at IS NULL
      WHERE c.deployment_id = ANY(${[...deploymentIds]}::uuid[])`;
    return rows.map((r) => ({
      deploymentId: r.deployment_id,
      confirmed: r.confirmed,
      startedAt: r.started_at,
      resolvedAt: r.resolved_at,
    }));
  }

  /**
   * Per sprint overlapping [from, to): the unplanned production work (its points, as charged to
   * the reserve) linked to deployments of the environment (and service), confirmed and suspected
   * apart.
   */
  sprintChangeFailure(
    teamId: string,
    environment: string,
    service: string | null,
    from: Date,
    to: Date,
    db: PrismaTx = this.prisma,
  ): Promise<SprintChangeFailureRow[]> {
    return db.$queryRaw<SprintChangeFailureRow[]>`
      SELECT s.id AS "sprintId", s.name, to_char(s.start_date, 'YYYY-MM-DD') AS "startDate",
        to_char(s.end_date, 'YYYY-MM-DD') AS "endDate", s.reserved_points::float8 AS "reservedPoints",
        count(t.id) FILTER (WHERE c.confirmed_at IS NOT NULL)::int AS "confirmedCards",
        COALESCE(sum(COALESCE(t.estimate, 0)) FILTER (WHERE c.confirmed_at IS NOT NULL), 0)::float8 AS "confirmedPoints",
        count(t.id) FILTER (WHERE c.confirmed_at IS NULL)::int AS "suspectedCards",
        COALESCE(sum(COALESCE(t.estimate, 0)) FILTER (WHERE c.confirmed_at IS NULL), 0)::float8 AS "suspectedPoints"
      FROM sprints s
      LEFT JOIN tasks t ON t.sprint_id = s.id AND t.deleted_at IS NULL AND NOT t.planned
        AND s.started_at IS NOT NULL AND t.added_to_sprint_at >= s.started_at
        AND (t.type IN ('PRODUCTION_CHANGE', 'INCIDENT') OR t.source = 'ALERT')
        AND EXISTS (
          SELECT 1 FROM incident_causes ic JOIN deployments d ON d.id = ic.deployment_id
          WHERE ic.task_id = t.id AND lower(d.environment) = lower(${environment})
            AND (${service}::text IS NULL OR lower(d.service) = lower(${service}::text)))
      LEFT JOIN incident_causes c ON c.task_id = t.id
      WHERE s.team_id = ${teamId}::uuid AND s.start_date < ${to}::date AND s.end_date >= ${from}::date
      GROUP BY s.id
      ORDER BY s.start_date, s.id`;
  }

  findById(id: string): Promise<Deployment | null> {
    return this.prisma.deployment.findUnique({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<Deployment[]> {
    return this.prisma.deployment.findMany({ where: { id: { in: [...ids] } } });
  }

  /** A team's deployments started in [from, to), newest first, optionally of one service and environment. */
  findForTeam(
    teamId: string,
    filter: {
      from?: Date;
      to?: Date;
      service?: string | null;
      environment?: string | null;
      take?: number;
    },
  ): Promise<Deployment[]> {
    return this.prisma.deployment.findMany({
      where: {
        teamId,
        ...(filter.service ? { service: filter.service } : {}),
        ...(filter.environment ? { environment: filter.environment } : {}),
        ...(filter.from || filter.to
          ? {
              startedAt: {
                ...(filter.from ? { gte: filter.from } : {}),
                ...(filter.to ? { lt: filter.to } : {}),
              },
            }
          : {}),
      },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: filter.take,
    });
  }

  /** The deployments of a service in an environment started at or before `until`. */
  findStreamUntil(
    teamId: string,
    service: string,
    environment: string,
    until: Date,
  ): Promise<Deployment[]> {
    return this.prisma.deployment.findMany({
      where: { teamId, service, environment, startedAt: { lte: until } },
      orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    });
  }

  commitsOf(deploymentIds: readonly string[]): Promise<DeploymentCommit[]> {
    return this.prisma.deploymentCommit.findMany({
      where: { deploymentId: { in: [...deploymentIds] } },
      orderBy: [{ authoredAt: 'asc' }, { sha: 'asc' }],
    });
  }

  taskLinksOf(
    deploymentIds: readonly string[],
  ): Promise<{ deploymentId: string; taskId: string }[]> {
    return this.prisma.deploymentTask.findMany({
      where: { deploymentId: { in: [...deploymentIds] } },
      select: { deploymentId: true, taskId: true },
      orderBy: [{ linkedAt: 'asc' }, { taskId: 'asc' }],
    });
  }

  liveTasks(ids: readonly string[]): Promise<Task[]> {
    return this.prisma.task.findMany({ where: { id: { in: [...ids] }, deletedAt: null } });
  }

  deploymentLinksOfTasks(
    taskIds: readonly string[],
  ): Promise<{ deploymentId: string; taskId: string }[]> {
    return this.prisma.deploymentTask.findMany({
      where: { taskId: { in: [...taskIds] } },
      select: { deploymentId: true, taskId: true },
      orderBy: [{ linkedAt: 'asc' }, { deploymentId: 'asc' }],
    });
  }
}
