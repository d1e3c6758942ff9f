import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type { IncidentCause } from '../generated/prisma/client';
import type { SuspectDeployment, SuspectQuery } from './suspects';

/** Alert cards' suspect and confirmed deployments (incident_causes). */
@Injectable()
export class IncidentCausesRepository {
  constructor(private readonly prisma: PrismaService) {}

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
}
