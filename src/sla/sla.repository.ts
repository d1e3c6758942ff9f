import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import type { TaskPriority } from '../generated/prisma/client';
import type { SlaClockState, SlaStatus } from './sla-status';

export interface SlaClockRow extends SlaClockState {
  taskId: string;
  teamId: string;
}

export interface SlaBreachRow {
  id: string;
  taskId: string;
  teamId: string;
  target: 'ACK' | 'RESOLVE';
  priority: TaskPriority;
  at: Date;
  detectedAt: Date;
}

/** An SLA target to tell channels about: at risk, or breached. */
export interface SlaNoticeRow {
  taskId: string;
  teamId: string;
  target: 'ACK' | 'RESOLVE';
  dueAt: Date;
}

export interface SlaReportRow {
  priority: TaskPriority;
  cards: number;
  met: number;
  breached: number;
  acked: number;
  ack50: number | null;
  ack85: number | null;
  resolved: number;
  resolve50: number | null;
  resolve85: number | null;
  breaches: number;
}

const CLOCK_COLUMNS =
  Prisma.raw(`c.task_id AS "taskId", c.team_id AS "teamId", c.started_at AS "startedAt",
  c.ack_due_at AS "ackDueAt", c.ack_risk_at AS "ackRiskAt", c.resolve_due_at AS "resolveDueAt",
  c.resolve_risk_at AS "resolveRiskAt", c.acked_at AS "ackedAt", c.resolved_at AS "resolvedAt"`);

/**
 * SLA clocks and breaches. The clocks are written by database triggers (the sla_clocks
 * migration); here they are read, and overdue targets recorded, always against sla_now().
 */
@Injectable()
export class SlaRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The clocks of these cards and the database's SLA clock, read in one statement. */
  async clocksOf(taskIds: readonly string[]): Promise<{ now: Date; clocks: SlaClockRow[] }> {
    const rows = await this.prisma.$queryRaw<(SlaClockRow & { now: Date })[]>`
      SELECT ${CLOCK_COLUMNS}, n.now FROM (SELECT sla_now() AS now) n
      LEFT JOIN sla_clocks c ON c.task_id = ANY(${[...taskIds]}::uuid[])`;
    const now = (rows[0] as { now: Date }).now;
    return {
      now,
      clocks: rows.filter((r) => r.taskId !== null).map(({ now: _now, ...clock }) => clock),
    };
  }

  breachesOf(taskIds: readonly string[]): Promise<SlaBreachRow[]> {
    return this.prisma.$queryRaw<SlaBreachRow[]>`
      SELECT id, task_id AS "taskId", team_id AS "teamId", target::text AS target, priority::text AS priority,
        due_at AS at, detected_at AS "detectedAt"
      FROM sla_breaches WHERE task_id = ANY(${[...taskIds]}::uuid[])
      ORDER BY due_at, target`;
  }

  /** The team's live cards whose clock has targets and stands at `status` now. */
  async taskIdsWithStatus(teamId: string, status: SlaStatus): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT c.task_id AS id FROM sla_clocks c
      WHERE c.team_id = ${teamId}::uuid
        AND (c.ack_due_at IS NOT NULL OR c.resolve_due_at IS NOT NULL)
        AND sla_status(c, sla_now()) = ${status}`;
    return rows.map((r) => r.id);
  }

  /**
   * Records every open target past its due time as a breach, once: the unique key
   * (task, target, clock start) makes concurrent scans of other replicas insert nothing more,
   * and the order keeps their row locks from crossing. Returns what this call recorded.
   */
  recordOverdue(tx: PrismaTx = this.prisma): Promise<{ taskId: string; target: string }[]> {
    return tx.$queryRaw<{ taskId: string; target: string }[]>`
      INSERT INTO sla_breaches (id, task_id, team_id, target, priority, clock_started_at, due_at, detected_at)
      SELECT gen_random_uuid(), c.task_id, c.team_id, x.target::"SlaTarget", t.priority, c.started_at,
        x.due_at, sla_now()
      FROM sla_clocks c
      JOIN tasks t ON t.id = c.task_id AND t.deleted_at IS NULL
      CROSS JOIN LATERAL (VALUES ('ACK', c.ack_due_at, c.acked_at), ('RESOLVE', c.resolve_due_at, c.resolved_at))
        AS x(target, due_at, done_at)
      WHERE x.done_at IS NULL AND x.due_at < sla_now()
        AND NOT EXISTS (
          SELECT 1 FROM sla_breaches b
          WHERE b.task_id = c.task_id AND b.target::text = x.target AND b.clock_started_at = c.started_at)
      ORDER BY c.task_id, x.target
      ON CONFLICT (task_id, target, clock_started_at) DO NOTHING
      RETURNING task_id AS "taskId", target::text AS target`;
  }

  /**
   * Records every open target that entered its last quarter (AT_RISK) and is not yet due, once
   * per clock and target (the unique key decides between replicas). Returns what this call did.
   */
  recordAtRisk(tx: PrismaTx): Promise<SlaNoticeRow[]> {
    return tx.$queryRaw<SlaNoticeRow[]>`
      INSERT INTO sla_warnings (id, task_id, team_id, target, clock_started_at, due_at, detected_at)
      SELECT gen_random_uuid(), c.task_id, c.team_id, x.target::"SlaTarget", c.started_at, x.due_at, sla_now()
      FROM sla_clocks c
      JOIN tasks t ON t.id = c.task_id AND t.deleted_at IS NULL
      CROSS JOIN LATERAL (VALUES ('ACK', c.ack_risk_at, c.ack_due_at, c.acked_at),
        ('RESOLVE', c.resolve_risk_at, c.resolve_due_at, c.resolved_at)) AS x(target, risk_at, due_at, done_at)
      WHERE x.done_at IS NULL AND x.risk_at <= sla_now() AND x.due_at > sla_now()
      ORDER BY c.task_id, x.target
      ON CONFLICT (task_id, target, clock_started_at) DO NOTHING
      RETURNING task_id AS "taskId", team_id AS "teamId", target::text AS target, due_at AS "dueAt"`;
  }

  /**
   * Takes the breaches no channel was told of yet (found by the scan, or met late and recorded
   * by the triggers), marking them told in the caller's transaction: SKIP LOCKED leaves the
   * rows another replica is telling to it, so each is told once.
   */
  takeUntoldBreaches(tx: PrismaTx, limit: number): Promise<SlaNoticeRow[]> {
    return tx.$queryRaw<SlaNoticeRow[]>`
      UPDATE sla_breaches b SET notified_at = sla_now()
      WHERE b.id IN (SELECT id FROM sla_breaches WHERE notified_at IS NULL
        ORDER BY due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING b.task_id AS "taskId", b.team_id AS "teamId", b.target::text AS target, b.due_at AS "dueAt"`;
  }

  /**
   * Per priority, the team's clocks (with targets) started in [from, to): settled as met or
   * breached at sla_now(), time to acknowledge and to resolve (minutes, p50/p85 by linear
   * interpolation), and their breach events.
   */
  report(teamId: string, from: Date, to: Date): Promise<SlaReportRow[]> {
    return this.prisma.$queryRaw<SlaReportRow[]>`
      WITH clocks AS (
        SELECT c.*, t.priority, sla_status(c, sla_now()) AS status
        FROM sla_clocks c JOIN tasks t ON t.id = c.task_id AND t.deleted_at IS NULL
        WHERE c.team_id = ${teamId}::uuid AND c.started_at >= ${from} AND c.started_at < ${to}
          AND (c.ack_due_at IS NOT NULL OR c.resolve_due_at IS NOT NULL)
      )
      SELECT priority::text AS priority,
        count(*)::int AS cards,
        count(*) FILTER (WHERE status = 'MET')::int AS met,
        count(*) FILTER (WHERE status = 'BREACHED')::int AS breached,
        count(acked_at)::int AS acked,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acked_at - started_at) / 60)::float8 AS ack50,
        percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM acked_at - started_at) / 60)::float8 AS ack85,
        count(resolved_at)::int AS resolved,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - started_at) / 60)::float8 AS resolve50,
        percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - started_at) / 60)::float8 AS resolve85,
        (SELECT count(*) FROM sla_breaches b JOIN clocks k ON k.task_id = b.task_id AND b.clock_started_at = k.started_at
          WHERE k.priority = clocks.priority)::int AS breaches
      FROM clocks
      GROUP BY priority`;
  }

  /** Breach events of a sprint's cards that fell due between its start and its end (or now). */
  sprintBreaches(
    sprintId: string,
    from: Date,
    to: Date | null,
    tx: PrismaTx = this.prisma,
  ): Promise<number> {
    return tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM sla_breaches b JOIN tasks t ON t.id = b.task_id
      WHERE t.sprint_id = ${sprintId}::uuid AND t.deleted_at IS NULL
        AND b.due_at >= ${from} AND (${to}::timestamptz IS NULL OR b.due_at < ${to}::timestamptz)`.then(
      (rows) => rows[0]?.n ?? 0,
    );
  }

  /** The sprint's open alert cards whose clock is AT_RISK now, with their estimates. */
  sprintAtRisk(
    sprintId: string,
    tx: PrismaTx = this.prisma,
  ): Promise<{ key: string; estimate: number | null }[]> {
    return tx.$queryRaw<{ key: string; estimate: number | null }[]>`
      SELECT t.key, t.estimate FROM sla_clocks c JOIN tasks t ON t.id = c.task_id
      WHERE t.sprint_id = ${sprintId}::uuid AND t.deleted_at IS NULL
        AND sla_status(c, sla_now()) = 'AT_RISK'
      ORDER BY t.number`;
  }
}
