import { Injectable, OnModuleInit } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { PrismaService } from '../common/database/prisma.service';
import { ConflictError, InputError } from '../common/errors/app-error';
import {
  Connection,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  toConnection,
} from '../common/graphql/pagination';
import { requestContext } from '../common/logging/request-context';
import { ColumnsRepository } from '../boards/boards.repository';
import type { Alert, AlertStatus, Task, WebhookDelivery } from '../generated/prisma/client';
import { ColumnPlacementService } from '../tasks/column-placement.service';
import { flowTimestampsAfterMove } from '../tasks/flow-timestamps';
import { TaskEventsRepository } from '../tasks/task-events.repository';
import { TaskReopenHooks, type ReopenedWontFix } from '../tasks/task-reopen-hooks';
import { TasksRepository } from '../tasks/tasks.repository';
import { TaskNotFoundError } from '../tasks/tasks.errors';
import { TeamsService } from '../teams/teams.service';
import { AlertNotFoundError } from './alerts.errors';
import { AlertIntegrationsService } from './integrations/alert-integrations.service';
import { AlertsRepository } from './processing/alerts.repository';
import { SilenceQueueService } from './silences/silence-queue.service';
import { DeliveriesRepository } from './webhooks/deliveries.repository';

/** "For good" is stored as a far date so one comparison covers both kinds of mute. */
export const MUTED_FOREVER = new Date('9999-12-31T00:00:00Z');

function cursorDate(cursor: unknown[]): { at: Date; id: string } {
  const [at, id] = cursor;
  const date = typeof at === 'string' ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || typeof id !== 'string')
    throw InputError.field('after', 'is not a cursor returned by this API');
  return { at: date, id };
}

/** Reading alerts and deliveries, and the card-side decisions about alerts (won't fix). */
@Injectable()
export class AlertsService implements OnModuleInit {
  constructor(
    private readonly prisma: PrismaService,
    private readonly alerts: AlertsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly integrations: AlertIntegrationsService,
    private readonly teams: TeamsService,
    private readonly tasks: TasksRepository,
    private readonly events: TaskEventsRepository,
    private readonly columns: ColumnsRepository,
    private readonly placement: ColumnPlacementService,
    private readonly silences: SilenceQueueService,
    private readonly reopenHooks: TaskReopenHooks,
  ) {}

  onModuleInit(): void {
    this.reopenHooks.onWontFixReopened((tx, task) => this.wontFixReopened(tx, task));
  }

  async get(id: string): Promise<Alert> {
    const alert = await this.alerts.findById(id);
    if (!alert) throw new AlertNotFoundError(id);
    return alert;
  }

  async list(
    teamId: string,
    status: AlertStatus | undefined,
    first = DEFAULT_PAGE_SIZE,
    after?: string,
  ): Promise<Connection<Alert>> {
    await this.teams.get({ id: teamId });
    const cursor = after ? cursorDate(decodeCursor(after)) : null;
    const [rows, total] = await Promise.all([
      this.alerts.findPage(
        teamId,
        status,
        first + 1,
        cursor ? { lastSeenAt: cursor.at, id: cursor.id } : null,
      ),
      this.alerts.count(teamId, status),
    ]);
    return toConnection(
      rows,
      first,
      total,
      (a) => [a.lastSeenAt.toISOString(), a.id],
      cursor !== null,
    );
  }

  async deliveriesOf(
    integrationId: string,
    first = DEFAULT_PAGE_SIZE,
    after?: string,
  ): Promise<Connection<WebhookDelivery>> {
    await this.integrations.get(integrationId);
    const cursor = after ? cursorDate(decodeCursor(after)) : null;
    const [rows, total] = await Promise.all([
      this.deliveries.findPage(
        integrationId,
        first + 1,
        cursor ? { receivedAt: cursor.at, id: cursor.id } : null,
      ),
      this.deliveries.count(integrationId),
    ]);
    return toConnection(
      rows,
      first,
      total,
      (d) => [d.receivedAt.toISOString(), d.id],
      cursor !== null,
    );
  }

  /**
   * Closes a card as won't fix: it moves to its board's DONE column and the alerts feeding it are
   * muted (until `muteUntil`, or for good): their firings are still counted but never reopen it.
   */
  async closeAsWontFix(taskId: string, muteUntil: Date | null): Promise<Task> {
    if (muteUntil && muteUntil <= new Date())
      throw InputError.field('muteUntil', 'must be in the future');
    const task = await this.tasks.findLive(taskId);
    if (!task) throw new TaskNotFoundError(taskId);
    if (task.resolution === 'WONT_FIX')
      throw new ConflictError(`Task ${task.key} is already closed as won't fix`);
    const current = task.columnId ? await this.columns.findById(task.columnId) : null;
    const done = current
      ? (await this.columns.findByBoards([current.boardId])).find((c) => c.category === 'DONE')
      : undefined;
    const actor = requestContext.actor();
    const now = new Date();
    // Alerts first (the order the webhook pipeline locks in), then the card and its history.
    return this.prisma.$transaction(async (tx) => {
      const muted = await this.alerts.muteForTask(tx, task.id, muteUntil ?? MUTED_FOREVER);
      await this.silences.syncTask(tx, task.id);
      let placement = {};
      if (done && done.id !== task.columnId) {
        const column = await this.columns.lock(tx, done.id);
        if (column) {
          const rank = await this.placement.rankAt(tx, {
            column,
            taskId: task.id,
            currentColumnId: task.columnId,
            force: true,
          });
          placement = { columnId: column.id, rank, ...flowTimestampsAfterMove(task, 'DONE', now) };
        }
      }
      const updated = await this.tasks.update(tx, task.id, {
        ...placement,
        resolution: 'WONT_FIX',
        completedAt: task.completedAt ?? now,
      });
      const moved = 'columnId' in placement ? (placement as { columnId: string }).columnId : null;
      await this.events.record(tx, [
        ...(moved && done
          ? [
              {
                taskId: task.id,
                teamId: task.teamId,
                kind: 'MOVED' as const,
                actor,
                at: now,
                from: current
                  ? { columnId: current.id, column: current.name, category: current.category }
                  : null,
                to: { columnId: done.id, column: done.name, category: done.category },
                note: "closed as won't fix",
              },
            ]
          : []),
        {
          taskId: task.id,
          teamId: task.teamId,
          kind: 'RESOLUTION_SET',
          actor,
          at: now,
          to: {
            resolution: 'WONT_FIX',
            mutedUntil: muteUntil?.toISOString() ?? null,
            alertsMuted: muted,
          },
        },
      ]);
      return updated;
    });
  }

  async unmute(alertId: string): Promise<Alert> {
    const alert = await this.get(alertId);
    // The mute and Alertmanager's silence are lifted together, or neither.
    return this.prisma.$transaction(async (tx) => {
      const unmuted = await this.alerts.unmute(tx, alert.id);
      await this.silences.syncAlert(tx, unmuted);
      return unmuted;
    });
  }

  /** A won't-fix card moved back to work: its alerts are no longer muted, nor silenced. */
  private async wontFixReopened(tx: PrismaTx, task: ReopenedWontFix): Promise<void> {
    await this.alerts.unmuteForTask(tx, task.id);
    await this.silences.syncTask(tx, task.id);
  }
}
