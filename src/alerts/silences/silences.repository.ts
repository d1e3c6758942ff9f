import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../../common/database/prisma.service';
import type { AlertDedupBy, TaskResolution } from '../../generated/prisma/client';

/** An alert as the silence sender needs it now: its mute, its card and its Alertmanager. */
export interface SilenceSubjectRow {
  alertId: string;
  teamId: string;
  labels: Record<string, unknown>;
  groupKey: string | null;
  mutedUntil: Date | null;
  silenceId: string | null;
  dedupBy: AlertDedupBy;
  alertmanagerUrl: string | null;
  alertmanagerAuthorization: string | null;
  card: {
    key: string;
    title: string;
    resolution: TaskResolution | null;
    teamKey: string;
    boardId: string | null;
  } | null;
}

interface SubjectRow {
  id: string;
  team_id: string;
  labels: Record<string, unknown> | null;
  group_key: string | null;
  muted_until: Date | null;
  silence_id: string | null;
  dedup_by: AlertDedupBy;
  alertmanager_url: string | null;
  alertmanager_authorization: string | null;
  task_key: string | null;
  task_title: string | null;
  resolution: TaskResolution | null;
  team_key: string | null;
  board_id: string | null;
}

/** The silence an alert points at, written only while the state it was decided on still holds. */
@Injectable()
export class SilencesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findSubject(alertId: string): Promise<SilenceSubjectRow | null> {
    const [row] = await this.prisma.$queryRaw<SubjectRow[]>`
      SELECT a.id, a.team_id, a.labels, a.group_key, a.muted_until, a.silence_id, i.dedup_by::text AS dedup_by,
        i.alertmanager_url, i.alertmanager_authorization, t.key AS task_key, t.title AS task_title,
        t.resolution::text AS resolution, tm.key AS team_key, c.board_id
      FROM alerts a
      JOIN alert_integrations i ON i.id = a.integration_id
      LEFT JOIN tasks t ON t.id = a.task_id AND t.deleted_at IS NULL
      LEFT JOIN teams tm ON tm.id = t.team_id
      LEFT JOIN board_columns c ON c.id = t.column_id
      WHERE a.id = ${alertId}::uuid`;
    if (!row) return null;
    return {
      alertId: row.id,
      teamId: row.team_id,
      labels: row.labels ?? {},
      groupKey: row.group_key,
      mutedUntil: row.muted_until,
      silenceId: row.silence_id,
      dedupBy: row.dedup_by,
      alertmanagerUrl: row.alertmanager_url,
      alertmanagerAuthorization: row.alertmanager_authorization,
      card:
        row.task_key !== null
          ? {
              key: row.task_key,
              title: row.task_title ?? '',
              resolution: row.resolution,
              teamKey: row.team_key ?? '',
              boardId: row.board_id,
            }
          : null,
    };
  }

  /**
   * Points the alert at a new silence, only if it still points at `replaces` and is still muted
   * on a won't-fix card: false means the state moved on meanwhile (the silence is not wanted).
   */
  async storeSilence(
    alertId: string,
    replaces: string | null,
    silenceId: string,
    now: Date,
  ): Promise<boolean> {
    const count = await this.prisma.$executeRaw`
      UPDATE alerts a SET silence_id = ${silenceId}
      WHERE a.id = ${alertId}::uuid AND a.silence_id IS NOT DISTINCT FROM ${replaces}::text
        AND a.muted_until > ${now}
        AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = a.task_id AND t.resolution = 'WONT_FIX')`;
    return count > 0;
  }

  /** Forgets a silence that is over, if the alert still points at it. */
  async forgetSilence(alertId: string, silenceId: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE alerts SET silence_id = NULL WHERE id = ${alertId}::uuid AND silence_id = ${silenceId}`;
  }

  /** The alerts of a card that Alertmanager may have to hear about. */
  toSyncForTask(tx: PrismaTx, taskId: string): Promise<{ id: string; teamId: string }[]> {
    return tx.$queryRaw<{ id: string; teamId: string }[]>`
      SELECT a.id, a.team_id AS "teamId"
      FROM alerts a JOIN alert_integrations i ON i.id = a.integration_id
      WHERE a.task_id = ${taskId}::uuid AND (i.alertmanager_url IS NOT NULL OR a.silence_id IS NOT NULL)
      ORDER BY a.dedup_key`;
  }

  /** Whether Alertmanager may have to hear about this alert. */
  async needsSync(tx: PrismaTx, alertId: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT a.id FROM alerts a JOIN alert_integrations i ON i.id = a.integration_id
      WHERE a.id = ${alertId}::uuid AND (i.alertmanager_url IS NOT NULL OR a.silence_id IS NOT NULL)`;
    return rows.length > 0;
  }
}
