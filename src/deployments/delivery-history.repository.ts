import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type { MetricsDeployment, MetricsIncident } from './delivery-metrics';
import type { DeploymentStatus } from './parsers';

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

/** What the delivery report reads: a team's deployment history, incident links, sprint points. */
@Injectable()
export class DeliveryHistoryRepository {
  constructor(private readonly prisma: PrismaService) {}

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
}
