import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type { Deployment, DeploymentCommit, Task } from '../generated/prisma/client';
import type { DeploymentCommitInput, DeploymentStatus } from './parsers';

export type CommitsSource = 'PAYLOAD' | 'DEPLOYED_COMMIT' | 'PUSHES';

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
  repository: string | null;
  commitsSource: CommitsSource | null;
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
  | 'status'
  | 'statusAt'
  | 'startedAt'
  | 'finishedAt'
  | 'url'
  | 'ref'
  | 'commitSha'
  | 'repository'
  | 'commitsSource'
  | 'rollbackOfRef'
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
  repository: string | null;
  commits_source: CommitsSource | null;
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
    repository: r.repository,
    commitsSource: r.commits_source,
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
        commit_sha, repository, commits_source, status, status_at, started_at, finished_at, url, rollback_of_ref,
        updated_at)
      VALUES (${d.id}::uuid, ${d.teamId}::uuid, ${d.integrationId}::uuid, ${d.externalId}, ${d.service},
        ${d.environment}, ${d.version}, ${d.ref}, ${d.commitSha}, ${d.repository},
        ${d.commitsSource}::"DeploymentCommitsSource", ${d.status}::"DeploymentStatus",
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
        repository, commits_source::text AS commits_source, status::text AS status, status_at, started_at,
        finished_at, url, rollback_of_ref
      FROM deployments WHERE integration_id = ${integrationId}::uuid AND external_id = ${externalId}
      FOR UPDATE`;
    const row = rows[0];
    if (!row) throw new Error(`Deployment ${externalId} of integration ${integrationId} is gone`);
    return fromRaw(row);
  }

  /** The deployments with these ids, locked (in id order, as every caller locks) until the transaction ends. */
  async lockByIds(tx: PrismaTx, ids: readonly string[]): Promise<DeploymentRow[]> {
    if (ids.length === 0) return [];
    const rows = await tx.$queryRaw<RawDeployment[]>`
      SELECT id, team_id, integration_id, external_id, service, environment, version, ref, commit_sha,
        repository, commits_source::text AS commits_source, status::text AS status, status_at, started_at,
        finished_at, url, rollback_of_ref
      FROM deployments WHERE id = ANY(${[...ids]}::uuid[])
      ORDER BY id FOR UPDATE`;
    return rows.map(fromRaw);
  }

  /**
   * The first successful deployment with a sha of the deployment's service and environment
   * finished after `after` (the one whose earlier deployments bound its commits), when its
   * commits may be worked out from pushes; null otherwise.
   */
  async nextInferable(tx: PrismaTx, d: DeploymentRow, after: Date): Promise<string | null> {
    const rows = await tx.$queryRaw<{ id: string; inferable: boolean }[]>`
      SELECT id, (repository IS NOT NULL AND commits_source IS DISTINCT FROM 'PAYLOAD') AS inferable
      FROM deployments
      WHERE team_id = ${d.teamId}::uuid AND service = ${d.service} AND environment = ${d.environment}
        AND status = 'SUCCESS' AND commit_sha IS NOT NULL AND finished_at > ${after}::timestamptz
        AND id <> ${d.id}::uuid
      ORDER BY finished_at, id LIMIT 1`;
    const row = rows[0];
    return row?.inferable ? row.id : null;
  }

  async update(tx: PrismaTx, id: string, u: DeploymentUpdate): Promise<void> {
    await tx.$executeRaw`
      UPDATE deployments SET status = ${u.status}::"DeploymentStatus", status_at = ${u.statusAt}::timestamptz,
        started_at = ${u.startedAt}::timestamptz, finished_at = ${u.finishedAt}::timestamptz, url = ${u.url},
        ref = ${u.ref}, commit_sha = ${u.commitSha}, repository = ${u.repository},
        commits_source = ${u.commitsSource}::"DeploymentCommitsSource", rollback_of_ref = ${u.rollbackOfRef},
        updated_at = now()
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

  /**
   * Replaces the commits worked out from pushes with a new set (the same set again changes
   * nothing), through addCommits so that firstCommitAt is the earliest of the set.
   */
  async replaceInferredCommits(
    tx: PrismaTx,
    deploymentId: string,
    commits: readonly DeploymentCommitInput[],
  ): Promise<void> {
    await tx.$executeRaw`
      DELETE FROM deployment_commits
      WHERE deployment_id = ${deploymentId}::uuid AND sha <> ALL(${commits.map((c) => c.sha)}::text[])`;
    await tx.$executeRaw`
      UPDATE deployments SET commits_source = 'PUSHES', first_commit_at = NULL, updated_at = now()
      WHERE id = ${deploymentId}::uuid`;
    await this.addCommits(tx, deploymentId, commits);
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
