import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService, PrismaTx } from '../../common/database/prisma.service';
import type { SprintReserveEvent } from '../../generated/prisma/client';

/** Default points by alert severity, for alert cards nobody estimated. */
export type SeverityPoints = Record<
  'CRITICAL' | 'HIGH' | 'WARNING' | 'LOW' | 'INFO' | 'UNKNOWN',
  number
>;

/**
 * SQL for the points a task is charged at: its estimate, or for an unestimated alert card the
 * team's default for its alert's severity. Expects `t` (tasks) and `a` (its alert, may be null).
 */
export function chargedPoints(defaults: SeverityPoints): Prisma.Sql {
  return Prisma.sql`COALESCE(t.estimate, CASE WHEN t.source = 'ALERT' THEN CASE COALESCE(a.severity::text, 'UNKNOWN')
    WHEN 'CRITICAL' THEN ${defaults.CRITICAL}::float8 WHEN 'HIGH' THEN ${defaults.HIGH}::float8
    WHEN 'WARNING' THEN ${defaults.WARNING}::float8 WHEN 'LOW' THEN ${defaults.LOW}::float8
    WHEN 'INFO' THEN ${defaults.INFO}::float8 ELSE ${defaults.UNKNOWN}::float8 END ELSE 0 END)`;
}

/**
 * The first alert that fed each card (for severity and source integration). An alert points at
 * its latest card only; an earlier card of it (done, then a late re-fire opened a new one) is
 * found through the firing episodes that fed it, looked up only for alert cards left without one.
 */
export const ALERT_OF_TASK = Prisma.sql`LEFT JOIN LATERAL (
    SELECT COALESCE(cur.severity, ep.severity) AS severity, COALESCE(cur.integration_id, ep.integration_id) AS integration_id
    FROM (SELECT al.severity, al.integration_id FROM alerts al
          WHERE t.source = 'ALERT' AND al.task_id = t.id ORDER BY al.first_seen_at LIMIT 1) cur
    FULL JOIN (
      SELECT al.severity, al.integration_id FROM alert_episodes e JOIN alerts al ON al.id = e.alert_id
      WHERE t.source = 'ALERT' AND e.team_id = t.team_id AND e.task_id = t.id
        AND NOT EXISTS (SELECT 1 FROM alerts cur2 WHERE cur2.task_id = t.id)
      ORDER BY e.started_at LIMIT 1
    ) ep ON true
  ) a ON true`;

/** Unplanned production work of an active sprint: production or alert work added after it started. */
export function isUnplannedProduction(startedAt: Date): Prisma.Sql {
  return Prisma.sql`(NOT t.planned AND t.added_to_sprint_at >= ${startedAt}
    AND (t.type IN ('PRODUCTION_CHANGE', 'INCIDENT') OR t.source = 'ALERT'))`;
}

@Injectable()
export class ReserveUsageRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Points of unplanned production work in a sprint (done or not). */
  async usedPoints(
    sprint: { id: string; startedAt: Date },
    defaults: SeverityPoints,
    tx: PrismaTx = this.prisma,
  ): Promise<number> {
    const rows = await tx.$queryRaw<{ points: number | null }[]>`
      SELECT sum(${chargedPoints(defaults)})::float8 AS points
      FROM tasks t ${ALERT_OF_TASK}
      WHERE t.sprint_id = ${sprint.id}::uuid AND t.deleted_at IS NULL AND ${isUnplannedProduction(sprint.startedAt)}`;
    return rows[0]?.points ?? 0;
  }

  /** The thresholds (80, 100) a sprint has already recorded crossing. */
  async recordedThresholds(tx: PrismaTx, sprintId: string): Promise<Set<number>> {
    const rows = await tx.$queryRaw<{ threshold: number }[]>`
      SELECT threshold FROM sprint_reserve_events WHERE sprint_id = ${sprintId}::uuid`;
    return new Set(rows.map((r) => Number(r.threshold)));
  }

  /** Records a threshold crossing once per sprint (the first writer wins under concurrency): true if this call did. */
  async recordCrossing(
    tx: PrismaTx,
    event: {
      sprintId: string;
      threshold: number;
      at: Date;
      taskId: string | null;
      usedPoints: number;
      reservedPoints: number;
    },
  ): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO sprint_reserve_events (id, sprint_id, threshold, at, task_id, used_points, reserved_points)
      VALUES (gen_random_uuid(), ${event.sprintId}::uuid, ${event.threshold}, ${event.at}, ${event.taskId}::uuid,
              ${event.usedPoints}, ${event.reservedPoints})
      ON CONFLICT (sprint_id, threshold) DO NOTHING`;
    return inserted > 0;
  }

  eventsOf(
    sprintIds: readonly string[],
    tx: PrismaTx = this.prisma,
  ): Promise<SprintReserveEvent[]> {
    return tx.sprintReserveEvent.findMany({
      where: { sprintId: { in: [...sprintIds] } },
      orderBy: [{ threshold: 'asc' }],
    });
  }
}
