import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import {
  ALERT_OF_TASK,
  chargedPoints,
  SeverityPoints,
} from '../sprints/reserve/reserve-usage.repository';

export interface ScopeFigures {
  taskCount: number;
  scopePoints: number;
  completedPoints: number;
  completedCount: number;
  plannedPoints: number;
  unplannedProductionCount: number;
  unplannedProductionPoints: number;
  addedScopeCount: number;
  addedScopePoints: number;
}

export interface GroupFigures {
  key: string | null;
  count: number;
  points: number;
}

export interface MemberFigures {
  memberId: string;
  assignedPoints: number;
  completedPoints: number;
}

export interface BurndownRow {
  day: Date;
  remaining: number;
  added: number;
}

/**
 * The capacity report's figures, aggregated in SQL with a fixed number of queries whatever the
 * sprint's size. "Unplanned" means added after the sprint started; production work is
 * PRODUCTION_CHANGE and INCIDENT tasks and every alert card.
 */
@Injectable()
export class CapacityReportRepository {
  constructor(private readonly prisma: PrismaService) {}

  private scope(sprintId: string, startedAt: Date | null, defaults: SeverityPoints): Prisma.Sql {
    const started = startedAt ?? new Date('9999-12-31T00:00:00Z');
    return Prisma.sql`
      SELECT t.id, t.assignee_id, t.completed_at, t.planned, t.added_to_sprint_at,
        ${chargedPoints(defaults)}::float8 AS pts,
        a.severity::text AS severity, a.integration_id,
        (NOT t.planned AND t.added_to_sprint_at >= ${started}) AS unplanned,
        (t.type IN ('PRODUCTION_CHANGE', 'INCIDENT') OR t.source = 'ALERT') AS production
      FROM tasks t ${ALERT_OF_TASK}
      WHERE t.sprint_id = ${sprintId}::uuid AND t.deleted_at IS NULL`;
  }

  async figures(
    sprintId: string,
    startedAt: Date | null,
    defaults: SeverityPoints,
    tx: PrismaTx = this.prisma,
  ): Promise<ScopeFigures> {
    const rows = await tx.$queryRaw<ScopeFigures[]>`
      WITH s AS (${this.scope(sprintId, startedAt, defaults)})
      SELECT count(*)::int AS "taskCount",
        COALESCE(sum(pts), 0)::float8 AS "scopePoints",
        COALESCE(sum(pts) FILTER (WHERE completed_at IS NOT NULL), 0)::float8 AS "completedPoints",
        count(*) FILTER (WHERE completed_at IS NOT NULL)::int AS "completedCount",
        COALESCE(sum(pts) FILTER (WHERE NOT unplanned), 0)::float8 AS "plannedPoints",
        count(*) FILTER (WHERE unplanned AND production)::int AS "unplannedProductionCount",
        COALESCE(sum(pts) FILTER (WHERE unplanned AND production), 0)::float8 AS "unplannedProductionPoints",
        count(*) FILTER (WHERE unplanned AND NOT production)::int AS "addedScopeCount",
        COALESCE(sum(pts) FILTER (WHERE unplanned AND NOT production), 0)::float8 AS "addedScopePoints"
      FROM s`;
    return rows[0] as ScopeFigures;
  }

  /** Unplanned production work grouped by alert severity (null: production work not from an alert). */
  bySeverity(
    sprintId: string,
    startedAt: Date,
    defaults: SeverityPoints,
    tx: PrismaTx = this.prisma,
  ): Promise<GroupFigures[]> {
    return tx.$queryRaw<GroupFigures[]>`
      WITH s AS (${this.scope(sprintId, startedAt, defaults)})
      SELECT severity AS key, count(*)::int AS count, COALESCE(sum(pts), 0)::float8 AS points
      FROM s WHERE unplanned AND production GROUP BY severity ORDER BY points DESC, key`;
  }

  /** Unplanned production work grouped by the integration its alert came from (null: manual). */
  bySource(
    sprintId: string,
    startedAt: Date,
    defaults: SeverityPoints,
    tx: PrismaTx = this.prisma,
  ): Promise<GroupFigures[]> {
    return tx.$queryRaw<GroupFigures[]>`
      WITH s AS (${this.scope(sprintId, startedAt, defaults)})
      SELECT integration_id::text AS key, count(*)::int AS count, COALESCE(sum(pts), 0)::float8 AS points
      FROM s WHERE unplanned AND production GROUP BY integration_id ORDER BY points DESC, key`;
  }

  byMember(
    sprintId: string,
    defaults: SeverityPoints,
    tx: PrismaTx = this.prisma,
  ): Promise<MemberFigures[]> {
    return tx.$queryRaw<MemberFigures[]>`
      WITH s AS (${this.scope(sprintId, null, defaults)})
      SELECT assignee_id::text AS "memberId", COALESCE(sum(pts), 0)::float8 AS "assignedPoints",
        COALESCE(sum(pts) FILTER (WHERE completed_at IS NOT NULL), 0)::float8 AS "completedPoints"
      FROM s WHERE assignee_id IS NOT NULL GROUP BY assignee_id`;
  }

  /**
   * Points still open at the end of each day (UTC), and unplanned points added that day. Planned
   * work counts from the first day; work added later counts from the day it was added.
   */
  burndown(
    sprintId: string,
    startedAt: Date | null,
    days: Date[],
    defaults: SeverityPoints,
    tx: PrismaTx = this.prisma,
  ): Promise<BurndownRow[]> {
    if (days.length === 0) return Promise.resolve([]);
    return tx.$queryRaw<BurndownRow[]>`
      WITH s AS (${this.scope(sprintId, startedAt, defaults)}),
      d AS (SELECT day, (day::timestamp AT TIME ZONE 'UTC') AS from_ts, (day::timestamp AT TIME ZONE 'UTC') + interval '1 day' AS to_ts
            FROM unnest(${days}::date[]) AS day)
      SELECT d.day,
        COALESCE(sum(s.pts) FILTER (WHERE (NOT s.unplanned OR s.added_to_sprint_at < d.to_ts)
          AND (s.completed_at IS NULL OR s.completed_at >= d.to_ts)), 0)::float8 AS remaining,
        COALESCE(sum(s.pts) FILTER (WHERE s.unplanned AND s.added_to_sprint_at >= d.from_ts AND s.added_to_sprint_at < d.to_ts), 0)::float8 AS added
      FROM d LEFT JOIN s ON true
      GROUP BY d.day ORDER BY d.day`;
  }

  integrationNames(
    ids: string[],
    tx: PrismaTx = this.prisma,
  ): Promise<{ id: string; name: string; kind: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return tx.alertIntegration.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, kind: true },
    });
  }
}
