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
  /** Done points of unplanned production work (the toil in completedPoints). */
  productionCompletedPoints: number;
}

export interface GroupFigures {
  key: string | null;
  count: number;
  points: number;
}

export interface ScopeGroup {
  assigneeId: string | null;
  severity: string | null;
  integrationId: string | null;
  unplanned: boolean;
  production: boolean;
  done: boolean;
  count: number;
  points: number;
}

export interface MemberFigures {
  memberId: string;
  assignedPoints: number;
  completedPoints: number;
  productionCompletedPoints: number;
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

  /**
   * The sprint's scope in one query, grouped by everything the report splits it by (assignee,
   * alert severity and integration, unplanned, production, done): a few dozen rows whatever the
   * number of tasks, aggregated further by `aggregateScope`.
   */
  scopeGroups(
    sprintId: string,
    startedAt: Date | null,
    defaults: SeverityPoints,
    tx: PrismaTx = this.prisma,
  ): Promise<ScopeGroup[]> {
    return tx.$queryRaw<ScopeGroup[]>`
      WITH s AS (${this.scope(sprintId, startedAt, defaults)})
      SELECT assignee_id::text AS "assigneeId", severity, integration_id::text AS "integrationId", unplanned, production,
        (completed_at IS NOT NULL) AS done, count(*)::int AS count, COALESCE(sum(pts), 0)::float8 AS points
      FROM s GROUP BY 1, 2, 3, 4, 5, 6`;
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

function sumBy(groups: ScopeGroup[], keyOf: (g: ScopeGroup) => string | null): GroupFigures[] {
  const map = new Map<string | null, GroupFigures>();
  for (const g of groups) {
    const key = keyOf(g);
    const entry = map.get(key) ?? { key, count: 0, points: 0 };
    entry.count += g.count;
    entry.points += g.points;
    map.set(key, entry);
  }
  return [...map.values()].sort(
    (a, b) => b.points - a.points || String(a.key).localeCompare(String(b.key)),
  );
}

/** The report's figures from the grouped scope (pure; the grouping happened in SQL). */
export function aggregateScope(groups: ScopeGroup[]): {
  scope: ScopeFigures;
  perMember: MemberFigures[];
  bySeverity: GroupFigures[];
  bySource: GroupFigures[];
} {
  const sum = (pick: (g: ScopeGroup) => boolean): { count: number; points: number } =>
    groups
      .filter(pick)
      .reduce((acc, g) => ({ count: acc.count + g.count, points: acc.points + g.points }), {
        count: 0,
        points: 0,
      });
  const all = sum(() => true);
  const done = sum((g) => g.done);
  const planned = sum((g) => !g.unplanned);
  const production = sum((g) => g.unplanned && g.production);
  const added = sum((g) => g.unplanned && !g.production);
  const productionDone = sum((g) => g.unplanned && g.production && g.done);
  const unplannedProduction = groups.filter((g) => g.unplanned && g.production);
  const assigned = groups.filter((g) => g.assigneeId !== null);
  const members = new Map<string, MemberFigures>();
  for (const g of assigned) {
    const entry = members.get(g.assigneeId as string) ?? {
      memberId: g.assigneeId as string,
      assignedPoints: 0,
      completedPoints: 0,
      productionCompletedPoints: 0,
    };
    entry.assignedPoints += g.points;
    if (g.done) entry.completedPoints += g.points;
    if (g.done && g.unplanned && g.production) entry.productionCompletedPoints += g.points;
    members.set(entry.memberId, entry);
  }
  return {
    scope: {
      taskCount: all.count,
      scopePoints: all.points,
      completedPoints: done.points,
      completedCount: done.count,
      plannedPoints: planned.points,
      unplannedProductionCount: production.count,
      unplannedProductionPoints: production.points,
      addedScopeCount: added.count,
      addedScopePoints: added.points,
      productionCompletedPoints: productionDone.points,
    },
    perMember: [...members.values()],
    bySeverity: sumBy(unplannedProduction, (g) => g.severity),
    bySource: sumBy(unplannedProduction, (g) => g.integrationId),
  };
}
