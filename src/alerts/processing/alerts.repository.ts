import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../../common/database/prisma.service';
import type {
  Alert,
  AlertStatus,
  Prisma,
  TaskPriority,
  TaskResolution,
} from '../../generated/prisma/client';
import type { NormalizedAlert } from '../parsers';

/** An existing alert, locked, with the state of the card it feeds. */
export interface LockedAlert {
  id: string;
  dedupKey: string;
  status: AlertStatus;
  severity: string;
  acknowledged: boolean;
  mutedUntil: Date | null;
  taskId: string | null;
  card: {
    id: string;
    completedAt: Date | null;
    deletedAt: Date | null;
    startedAt: Date | null;
    columnId: string | null;
    sprintId: string | null;
    priority: TaskPriority;
    resolution: TaskResolution | null;
  } | null;
}

/** The state an alert row is written back with at the end of a delivery. */
export interface AlertWrite {
  id: string;
  alert: NormalizedAlert;
  status: AlertStatus;
  endsAt: Date | null;
  occurrencesDelta: number;
  firingsDelta: number;
  flapsDelta: number;
  acknowledged: boolean;
  taskId: string | null;
  /** The delivery that last reported the alert. */
  deliveryId: string;
}

interface LockedRow {
  id: string;
  dedup_key: string;
  status: AlertStatus;
  severity: string;
  acknowledged: boolean;
  muted_until: Date | null;
  task_id: string | null;
  t_id: string | null;
  t_completed_at: Date | null;
  t_deleted_at: Date | null;
  t_started_at: Date | null;
  t_column_id: string | null;
  t_sprint_id: string | null;
  t_priority: TaskPriority | null;
  t_resolution: TaskResolution | null;
}

const json = (value: unknown): string => JSON.stringify(value);

@Injectable()
export class AlertsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Inserts the alerts not yet known, in dedup-key order (so concurrent deliveries of the same
   * alerts wait on each other instead of deadlocking), and returns the keys it inserted. A
   * concurrent delivery that inserted a key first makes ours wait for it to commit, then skip.
   */
  async insertNew(
    tx: PrismaTx,
    integrationId: string,
    teamId: string,
    units: { id: string; alert: NormalizedAlert; deliveryId: string }[],
    now: Date,
  ): Promise<Set<string>> {
    if (units.length === 0) return new Set();
    const a = units.map((u) => u.alert);
    const rows = await tx.$queryRaw<{ dedup_key: string }[]>`
      INSERT INTO alerts (id, integration_id, team_id, dedup_key, fingerprint, group_key, status, severity, name, title,
        description, environment, component, instance, value, labels, annotations, links, starts_at, ends_at,
        first_seen_at, last_seen_at, occurrences, firings, flaps, acknowledged, last_delivery_id, created_at, updated_at)
      SELECT v.id, ${integrationId}::uuid, ${teamId}::uuid, v.dedup_key, v.fingerprint, v.group_key, v.status::"AlertStatus",
        v.severity::"AlertSeverity", v.name, v.title, v.description, v.environment, v.component, v.instance, v.value,
        v.labels::jsonb, v.annotations::jsonb, v.links::jsonb, v.starts_at, v.ends_at, ${now}, ${now}, 1,
        CASE WHEN v.status = 'FIRING' THEN 1 ELSE 0 END, 0, v.acknowledged, v.delivery_id, ${now}, ${now}
      FROM unnest(
        ${units.map((u) => u.id)}::uuid[], ${a.map((x) => x.dedupKey)}::text[], ${a.map((x) => x.fingerprint)}::text[],
        ${a.map((x) => x.groupKey)}::text[], ${a.map((x) => x.status)}::text[], ${a.map((x) => x.severity)}::text[],
        ${a.map((x) => x.name)}::text[], ${a.map((x) => x.title)}::text[], ${a.map((x) => x.description)}::text[],
        ${a.map((x) => x.environment)}::text[], ${a.map((x) => x.component)}::text[], ${a.map((x) => x.instance)}::text[],
        ${a.map((x) => x.value)}::text[], ${a.map((x) => json(x.labels))}::text[], ${a.map((x) => json(x.annotations))}::text[],
        ${a.map((x) => json(x.links))}::text[], ${a.map((x) => x.startsAt)}::timestamptz[], ${a.map((x) => x.endsAt)}::timestamptz[],
        ${a.map((x) => x.acknowledged)}::boolean[], ${units.map((u) => u.deliveryId)}::uuid[]
      ) AS v(id, dedup_key, fingerprint, group_key, status, severity, name, title, description, environment, component,
             instance, value, labels, annotations, links, starts_at, ends_at, acknowledged, delivery_id)
      ORDER BY v.dedup_key
      ON CONFLICT (integration_id, dedup_key) DO NOTHING
      RETURNING dedup_key`;
    return new Set(rows.map((r) => r.dedup_key));
  }

  /** Locks the known alerts (in key order) and reads the state of their cards. */
  async lockExisting(
    tx: PrismaTx,
    integrationId: string,
    dedupKeys: string[],
  ): Promise<LockedAlert[]> {
    if (dedupKeys.length === 0) return [];
    const rows = await tx.$queryRaw<LockedRow[]>`
      SELECT a.id, a.dedup_key, a.status, a.severity, a.acknowledged, a.muted_until, a.task_id,
        t.id AS t_id, t.completed_at AS t_completed_at, t.deleted_at AS t_deleted_at, t.started_at AS t_started_at,
        t.column_id AS t_column_id, t.sprint_id AS t_sprint_id, t.priority AS t_priority, t.resolution AS t_resolution
      FROM alerts a LEFT JOIN tasks t ON t.id = a.task_id
      WHERE a.integration_id = ${integrationId}::uuid AND a.dedup_key = ANY(${dedupKeys}::text[])
      ORDER BY a.dedup_key
      FOR UPDATE OF a`;
    return rows.map((r) => ({
      id: r.id,
      dedupKey: r.dedup_key,
      status: r.status,
      severity: r.severity,
      acknowledged: r.acknowledged,
      mutedUntil: r.muted_until,
      taskId: r.task_id,
      card: r.t_id
        ? {
            id: r.t_id,
            completedAt: r.t_completed_at,
            deletedAt: r.t_deleted_at,
            startedAt: r.t_started_at,
            columnId: r.t_column_id,
            sprintId: r.t_sprint_id,
            priority: r.t_priority as TaskPriority,
            resolution: r.t_resolution,
          }
        : null,
    }));
  }

  /** Writes back every touched alert in one statement. */
  async writeBack(tx: PrismaTx, writes: AlertWrite[], now: Date): Promise<void> {
    if (writes.length === 0) return;
    const a = writes.map((w) => w.alert);
    await tx.$executeRaw`
      UPDATE alerts AS t SET
        status = v.status::"AlertStatus", severity = v.severity::"AlertSeverity", title = v.title,
        description = v.description, environment = v.environment, component = v.component, instance = v.instance,
        value = v.value, labels = v.labels::jsonb, annotations = v.annotations::jsonb, links = v.links::jsonb,
        ends_at = v.ends_at, last_seen_at = ${now}, occurrences = t.occurrences + v.occ, firings = t.firings + v.fir,
        flaps = t.flaps + v.flaps, acknowledged = v.ack, task_id = v.task_id, last_delivery_id = v.delivery_id,
        updated_at = ${now}
      FROM unnest(
        ${writes.map((w) => w.id)}::uuid[], ${writes.map((w) => w.status)}::text[], ${a.map((x) => x.severity)}::text[],
        ${a.map((x) => x.title)}::text[], ${a.map((x) => x.description)}::text[], ${a.map((x) => x.environment)}::text[],
        ${a.map((x) => x.component)}::text[], ${a.map((x) => x.instance)}::text[], ${a.map((x) => x.value)}::text[],
        ${a.map((x) => json(x.labels))}::text[], ${a.map((x) => json(x.annotations))}::text[],
        ${a.map((x) => json(x.links))}::text[], ${writes.map((w) => w.endsAt)}::timestamptz[],
        ${writes.map((w) => w.occurrencesDelta)}::int[], ${writes.map((w) => w.firingsDelta)}::int[],
        ${writes.map((w) => w.flapsDelta)}::int[], ${writes.map((w) => w.acknowledged)}::boolean[],
        ${writes.map((w) => w.taskId)}::uuid[], ${writes.map((w) => w.deliveryId)}::uuid[]
      ) AS v(id, status, severity, title, description, environment, component, instance, value, labels, annotations,
             links, ends_at, occ, fir, flaps, ack, task_id, delivery_id)
      WHERE t.id = v.id`;
  }

  async startEpisodes(
    tx: PrismaTx,
    episodes: {
      alertId: string;
      teamId: string;
      startedAt: Date;
      endedAt?: Date | null;
      taskId?: string | null;
    }[],
  ): Promise<void> {
    if (episodes.length === 0) return;
    // One statement for a storm's thousand episodes (the ORM's createMany compiles and maps each).
    const e = episodes;
    await tx.$executeRaw`
      INSERT INTO alert_episodes (id, alert_id, team_id, started_at, ended_at, task_id)
      SELECT gen_random_uuid(), v.alert_id, v.team_id, v.started_at, v.ended_at, v.task_id
      FROM unnest(
        ${e.map((x) => x.alertId)}::uuid[], ${e.map((x) => x.teamId)}::uuid[],
        ${e.map((x) => x.startedAt)}::timestamptz[], ${e.map((x) => x.endedAt ?? null)}::timestamptz[],
        ${e.map((x) => x.taskId ?? null)}::uuid[]
      ) AS v(alert_id, team_id, started_at, ended_at, task_id)`;
  }

  /** Closes each alert's open episode at its own end time, in one statement. */
  async endEpisodes(tx: PrismaTx, ends: { alertId: string; endedAt: Date }[]): Promise<void> {
    if (ends.length === 0) return;
    await tx.$executeRaw`
      UPDATE alert_episodes AS e SET ended_at = GREATEST(v.ended_at, e.started_at)
      FROM (SELECT unnest(${ends.map((e) => e.alertId)}::uuid[]) AS alert_id,
                   unnest(${ends.map((e) => e.endedAt)}::timestamptz[]) AS ended_at) AS v
      WHERE e.alert_id = v.alert_id AND e.ended_at IS NULL`;
  }

  /** Mutes the alerts feeding a card (won't fix): until a date, or for good with null → far future. */
  async muteForTask(tx: PrismaTx, taskId: string, until: Date): Promise<number> {
    await tx.$queryRaw`SELECT id FROM alerts WHERE task_id = ${taskId}::uuid ORDER BY dedup_key FOR UPDATE`;
    const result = await tx.alert.updateMany({ where: { taskId }, data: { mutedUntil: until } });
    return result.count;
  }

  /** Lifts the mute of a card's alerts (a won't-fix card back to work). */
  async unmuteForTask(tx: PrismaTx, taskId: string): Promise<number> {
    await tx.$queryRaw`SELECT id FROM alerts WHERE task_id = ${taskId}::uuid ORDER BY dedup_key FOR UPDATE`;
    const result = await tx.alert.updateMany({
      where: { taskId, mutedUntil: { not: null } },
      data: { mutedUntil: null },
    });
    return result.count;
  }

  unmute(tx: PrismaTx, id: string): Promise<Alert> {
    return tx.alert.update({ where: { id }, data: { mutedUntil: null } });
  }

  findById(id: string): Promise<Alert | null> {
    return this.prisma.alert.findUnique({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<Alert[]> {
    return this.prisma.alert.findMany({ where: { id: { in: [...ids] } } });
  }

  findByTasks(taskIds: readonly string[]): Promise<Alert[]> {
    return this.prisma.alert.findMany({
      where: { taskId: { in: [...taskIds] } },
      orderBy: { firstSeenAt: 'asc' },
    });
  }

  /** A page of a team's alerts, most recently seen first. */
  findPage(
    teamId: string,
    status: AlertStatus | undefined,
    first: number,
    after: { lastSeenAt: Date; id: string } | null,
  ): Promise<Alert[]> {
    const where: Prisma.AlertWhereInput = {
      teamId,
      ...(status ? { status } : {}),
      ...(after
        ? {
            OR: [
              { lastSeenAt: { lt: after.lastSeenAt } },
              { lastSeenAt: after.lastSeenAt, id: { lt: after.id } },
            ],
          }
        : {}),
    };
    return this.prisma.alert.findMany({
      where,
      orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
      take: first,
    });
  }

  count(teamId: string, status: AlertStatus | undefined): Promise<number> {
    return this.prisma.alert.count({ where: { teamId, ...(status ? { status } : {}) } });
  }
}
