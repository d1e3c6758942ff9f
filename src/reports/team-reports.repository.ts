import { Injectable } from '@nestjs/common';
import { PrismaService } from '../common/database/prisma.service';
import { chargedPoints, SeverityPoints } from '../sprints/reserve/reserve-usage.repository';

interface Window {
  teamId: string;
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface PercentileRow {
  count: number;
  p50: number | null;
  p85: number | null;
}

/** Team-wide flow and alert-noise figures, aggregated in SQL over a time window. */
@Injectable()
export class TeamReportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  throughput(w: Window): Promise<{ week: Date; completed: number; points: number }[]> {
    return this.prisma.$queryRaw`
      SELECT (date_trunc('week', completed_at AT TIME ZONE 'UTC'))::date AS week, count(*)::int AS completed,
        COALESCE(sum(estimate), 0)::float8 AS points
      FROM tasks
      WHERE team_id = ${w.teamId}::uuid AND deleted_at IS NULL AND completed_at >= ${w.from} AND completed_at < ${w.to}
      GROUP BY 1 ORDER BY 1`;
  }

  /** Percentiles in hours of (end − start) for cards done in the window. */
  async durations(w: Window, start: 'started_at' | 'created_at'): Promise<PercentileRow> {
    const column =
      start === 'started_at'
        ? this.prisma.$queryRaw<PercentileRow[]>`
      SELECT count(*)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - started_at) / 3600)::float8 AS p50,
        percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - started_at) / 3600)::float8 AS p85
      FROM tasks
      WHERE team_id = ${w.teamId}::uuid AND deleted_at IS NULL AND started_at IS NOT NULL
        AND completed_at >= ${w.from} AND completed_at < ${w.to}`
        : this.prisma.$queryRaw<PercentileRow[]>`
      SELECT count(*)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at) / 3600)::float8 AS p50,
        percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at) / 3600)::float8 AS p85
      FROM tasks
      WHERE team_id = ${w.teamId}::uuid AND deleted_at IS NULL AND completed_at >= ${w.from} AND completed_at < ${w.to}`;
    return (await column)[0] as PercentileRow;
  }

  /** Alert cards created in the window: time to start and to done, by severity of their alert. */
  alertResponse(w: Window): Promise<
    {
      severity: string;
      started: number;
      start50: number | null;
      start85: number | null;
      done: number;
      done50: number | null;
      done85: number | null;
    }[]
  > {
    return this.prisma.$queryRaw`
      WITH c AS (
        SELECT t.created_at, t.started_at, t.completed_at, COALESCE(a.severity::text, 'UNKNOWN') AS severity
        FROM tasks t
        LEFT JOIN LATERAL (SELECT al.severity FROM alerts al WHERE al.task_id = t.id OR EXISTS (
          SELECT 1 FROM alert_episodes e WHERE e.alert_id = al.id AND e.task_id = t.id) LIMIT 1) a ON true
        WHERE t.team_id = ${w.teamId}::uuid AND t.source = 'ALERT' AND t.deleted_at IS NULL
          AND t.created_at >= ${w.from} AND t.created_at < ${w.to})
      SELECT severity,
        count(started_at)::int AS started,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at) / 3600)::float8 AS start50,
        percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at) / 3600)::float8 AS start85,
        count(completed_at)::int AS done,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at) / 3600)::float8 AS done50,
        percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at) / 3600)::float8 AS done85
      FROM c GROUP BY severity ORDER BY severity`;
  }

  /**
   * Cards per column category at the end of each day, replayed from history: a card is in the
   * category of its last CREATED/MOVED/REOPENED entry before the day ended, and not yet deleted.
   */
  cumulativeFlow(
    teamId: string,
    days: Date[],
  ): Promise<{ day: Date; category: string; cards: number }[]> {
    if (days.length === 0) return Promise.resolve([]);
    return this.prisma.$queryRaw`
      WITH d AS (SELECT day, (day::timestamp AT TIME ZONE 'UTC') + interval '1 day' AS day_end FROM unnest(${days}::date[]) AS day)
      SELECT d.day, x.category, count(*)::int AS cards
      FROM d
      CROSS JOIN LATERAL (
        SELECT DISTINCT ON (e.task_id) e.task_id, e."to"->>'category' AS category
        FROM task_events e JOIN tasks t ON t.id = e.task_id
        WHERE e.team_id = ${teamId}::uuid AND e.kind IN ('CREATED', 'MOVED', 'REOPENED') AND e.at < d.day_end
          AND (t.deleted_at IS NULL OR t.deleted_at >= d.day_end)
        ORDER BY e.task_id, e.seq DESC
      ) x
      WHERE x.category IS NOT NULL
      GROUP BY d.day, x.category ORDER BY d.day, x.category`;
  }

  wip(teamId: string): Promise<
    {
      columnId: string;
      board: string;
      column: string;
      category: string;
      cards: number;
      wipLimit: number | null;
    }[]
  > {
    return this.prisma.$queryRaw`
      SELECT c.id::text AS "columnId", b.name AS board, c.name AS column, c.category::text AS category,
        (SELECT count(*) FROM tasks t WHERE t.column_id = c.id AND t.deleted_at IS NULL)::int AS cards, c.wip_limit AS "wipLimit"
      FROM board_columns c JOIN boards b ON b.id = c.board_id
      WHERE b.team_id = ${teamId}::uuid
      ORDER BY b.created_at, b.id, c.position`;
  }

  /** Per alert with firings in the window: firings, cards fed, won't-fix share, time firing, flaps. */
  noise(
    w: Window,
    limit: number,
    defaults: SeverityPoints,
  ): Promise<
    {
      alertId: string;
      name: string;
      title: string;
      severity: string;
      status: string;
      integration: string;
      firings: number;
      cards: number;
      wontFix: number;
      medianMinutes: number | null;
      flaps: number;
      occurrences: number;
      reservePoints: number;
    }[]
  > {
    return this.prisma.$queryRaw`
      WITH e AS (
        SELECT ep.*, EXISTS (SELECT 1 FROM alert_episodes prev WHERE prev.alert_id = ep.alert_id AND prev.started_at < ep.started_at) AS refire
        FROM alert_episodes ep
        WHERE ep.team_id = ${w.teamId}::uuid AND ep.started_at >= ${w.from} AND ep.started_at < ${w.to}),
      -- What the cards those firings fed charged to a sprint's reserve (unplanned, in a sprint).
      p AS (
        SELECT c.alert_id, sum(${chargedPoints(defaults)})::float8 AS points
        FROM (SELECT DISTINCT alert_id, task_id FROM e WHERE task_id IS NOT NULL) c
        JOIN tasks t ON t.id = c.task_id JOIN alerts a ON a.id = c.alert_id
        WHERE t.deleted_at IS NULL AND t.sprint_id IS NOT NULL AND NOT t.planned
          AND t.added_to_sprint_at IS NOT NULL
        GROUP BY c.alert_id)
      SELECT a.id::text AS "alertId", a.name, a.title, a.severity::text AS severity, a.status::text AS status,
        i.name AS integration, count(*)::int AS firings,
        count(DISTINCT e.task_id)::int AS cards,
        count(DISTINCT e.task_id) FILTER (WHERE t.resolution = 'WONT_FIX')::int AS "wontFix",
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.ended_at - e.started_at) / 60)
          FILTER (WHERE e.ended_at IS NOT NULL))::float8 AS "medianMinutes",
        count(*) FILTER (WHERE e.refire)::int AS flaps,
        a.occurrences, COALESCE(p.points, 0)::float8 AS "reservePoints"
      FROM e JOIN alerts a ON a.id = e.alert_id JOIN alert_integrations i ON i.id = a.integration_id
      LEFT JOIN tasks t ON t.id = e.task_id
      LEFT JOIN p ON p.alert_id = a.id
      GROUP BY a.id, i.name, p.points
      ORDER BY "reservePoints" DESC, firings DESC, flaps DESC, a.occurrences DESC, a.name
      LIMIT ${limit}`;
  }
}
