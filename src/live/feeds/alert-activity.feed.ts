import { Injectable, OnModuleInit } from '@nestjs/common';
import { AlertsRepository } from '../../alerts/processing/alerts.repository';
import { DatabaseListener } from '../../common/database/database-listener';
import { isUuid } from '../../common/graphql/id.pipe';
import { AppLogger } from '../../common/logging/app-logger';
import { TasksRepository } from '../../tasks/tasks.repository';
import { LiveHub, LiveSubscription } from '../live-hub';
import { LiveEvent, liveEvent } from '../live-event';
import type { LiveSession } from '../live-session';
import { AlertActivity, AlertActivityKind } from '../models/alert-activity.model';

export type AlertEvent = LiveEvent<AlertActivity>;

interface Heard {
  teamId: string;
  alertId: string;
  kind: AlertActivityKind;
}

const topic = (teamId: string): string => `alerts:${teamId}`;
const KINDS = new Set<string>(Object.values(AlertActivityKind));

/** Reads a `loopboard_alert` payload (see the live_updates migration); null if malformed. */
export function parseAlertNotification(payload: string): Heard | null {
  try {
    const m = JSON.parse(payload) as Record<string, unknown>;
    if (!isUuid(m.team) || !isUuid(m.a) || typeof m.k !== 'string' || !KINDS.has(m.k)) return null;
    return { teamId: m.team, alertId: m.a, kind: m.k as AlertActivityKind };
  } catch {
    return null;
  }
}

/**
 * A team's alert activity (`loopboard_alert`): fired, repeated, resolved, reopened. What is heard
 * in one turn is re-read together; the same news of one alert heard twice in a turn (a new
 * alert is announced when inserted and again when linked to its card) is sent once.
 */
@Injectable()
export class AlertActivityFeed implements OnModuleInit {
  private heard: Heard[] = [];
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly listener: DatabaseListener,
    private readonly hub: LiveHub,
    private readonly alertsRepo: AlertsRepository,
    private readonly tasksRepo: TasksRepository,
    private readonly logger: AppLogger,
  ) {}

  onModuleInit(): void {
    this.listener.on('loopboard_alert', (payload) => this.receive(payload));
  }

  subscribe(teamId: string, session: LiveSession): LiveSubscription<AlertEvent> {
    return this.hub.subscribe<AlertEvent>(topic(teamId), {
      allowed: (event) => session.canSee(event.teamId),
      // A reader that fell this far behind gets the latest news, not the whole backlog.
      overflow: (backlog) => backlog[backlog.length - 1] as AlertEvent,
    });
  }

  settled(): Promise<void> {
    return this.flushing;
  }

  private receive(payload: string): void {
    const heard = parseAlertNotification(payload);
    if (!heard) {
      this.logger.warn(`Ignored a malformed alert notification: ${payload.slice(0, 200)}`, 'Live');
      return;
    }
    if (!this.hub.has(topic(heard.teamId))) return;
    if (!this.heard.some((h) => h.alertId === heard.alertId && h.kind === heard.kind))
      this.heard.push(heard);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.heard;
      this.heard = [];
      this.flushing = this.flushing.then(() => this.publish(batch));
    });
  }

  private async publish(batch: Heard[]): Promise<void> {
    try {
      const alerts = new Map(
        (await this.alertsRepo.findByIds(batch.map((h) => h.alertId))).map((a) => [a.id, a]),
      );
      const taskIds = [...alerts.values()].flatMap((a) => (a.taskId ? [a.taskId] : []));
      const found = taskIds.length ? await this.tasksRepo.findByIds(taskIds) : [];
      const tasks = new Map(found.filter((t) => !t.deletedAt).map((t) => [t.id, t]));
      const at = new Date();
      for (const { teamId, alertId, kind } of batch) {
        const alert = alerts.get(alertId);
        if (!alert || alert.teamId !== teamId) continue;
        const task = alert.taskId ? (tasks.get(alert.taskId) ?? null) : null;
        this.hub.publish(topic(teamId), liveEvent(teamId, { kind, alert, task, at }));
      }
    } catch (error) {
      this.logger.warn(
        `Could not read announced alert activity: ${error instanceof Error ? error.message : String(error)}`,
        'Live',
      );
    }
  }
}
