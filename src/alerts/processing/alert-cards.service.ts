import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PrismaTx } from '../../common/database/prisma.service';
import { ColumnsRepository } from '../../boards/boards.repository';
import type {
  AlertIntegration,
  BoardColumn,
  Sprint,
  Task,
  TaskPriority,
} from '../../generated/prisma/client';
import { SprintReserveService } from '../../sprints/reserve/sprint-reserve.service';
import { SprintsRepository } from '../../sprints/sprints.repository';
import { ColumnPlacementService } from '../../tasks/column-placement.service';
import { flowTimestampsAfterMove } from '../../tasks/flow-timestamps';
import { MAX_RANK_LENGTH, ranksAfter } from '../../tasks/rank';
import type { NewTaskEvent } from '../../tasks/task-events.repository';
import { TaskEventsRepository } from '../../tasks/task-events.repository';
import { TasksRepository } from '../../tasks/tasks.repository';
import { TeamsRepository } from '../../teams/teams.repository';
import type { CardFields } from './alert-card';
import { priorityRank } from './alert-card';

export const ALERT_ACTOR = 'alerts';

export interface NewAlertCard {
  alertId: string;
  fields: CardFields;
  /** Column chosen by routing rules or the integration, null for none. */
  columnId: string | null;
  relatedTaskId: string | null;
  note: string;
}

export interface CardWork {
  teamId: string;
  teamKey: string;
  integration: AlertIntegration;
  /** Where reopened cards return (the integration's entry column). */
  entryColumnId: string | null;
  creates: NewAlertCard[];
  reopens: { taskId: string; alertTitle: string }[];
  touches: {
    taskId: string;
    raisePriority: TaskPriority | null;
    refired: boolean;
    acknowledged: boolean;
  }[];
  resolves: { taskId: string; moveIfUnstarted: boolean; endsAt: Date }[];
  now: Date;
}

export interface CardResult {
  /** alertId → id of the card created for it. */
  created: Map<string, string>;
  overfullColumns: { columnId: string; name: string; wipLimit: number; cards: number }[];
}

interface Arrival {
  id: string;
  priority: TaskPriority;
}

/**
 * Turns alert decisions into card writes within the delivery's transaction: numbering new cards
 * (team lock), placing them in the active sprint (share lock) and in their column above every
 * lower-priority card (column lock), reopening, and recording each change in card history.
 */
@Injectable()
export class AlertCardsService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly events: TaskEventsRepository,
    private readonly teams: TeamsRepository,
    private readonly sprints: SprintsRepository,
    private readonly columns: ColumnsRepository,
    private readonly placement: ColumnPlacementService,
    private readonly reserves: SprintReserveService,
  ) {}

  async apply(tx: PrismaTx, work: CardWork): Promise<CardResult> {
    const result: CardResult = { created: new Map(), overfullColumns: [] };
    const events: NewTaskEvent[] = [];
    const event = (
      taskId: string,
      kind: NewTaskEvent['kind'],
      extra: Partial<NewTaskEvent> = {},
    ): void => {
      events.push({
        taskId,
        teamId: work.teamId,
        kind,
        actor: ALERT_ACTOR,
        at: work.now,
        ...extra,
      });
    };

    const moving = work.creates.length > 0 || work.reopens.length > 0;
    // Lock order shared with every writer: sprint, then columns (sorted), then the task counter.
    const sprint = moving ? await this.sprints.findActiveShared(tx, work.teamId) : null;
    const reopened =
      work.reopens.length > 0
        ? await this.tasks.findByIds(
            work.reopens.map((r) => r.taskId),
            tx,
          )
        : [];
    const targets = new Set<string>();
    for (const card of work.creates) if (card.columnId) targets.add(card.columnId);
    if (work.entryColumnId && reopened.length > 0) targets.add(work.entryColumnId);
    // The resolve column too, now and in order: taken later, after a task row, it could deadlock
    // with a move into it (column lock, then that task's row).
    const resolveColumnId = work.integration.resolveColumnId;
    if (resolveColumnId && work.resolves.some((r) => r.moveIfUnstarted))
      targets.add(resolveColumnId);
    // Column locks (sorted): ranks are decided one delivery at a time per column, so concurrent
    // deliveries never hand out the same position.
    const locked = new Map<string, BoardColumn>();
    for (const id of [...targets].sort()) {
      const column = await this.columns.lock(tx, id);
      if (column) locked.set(id, column);
    }

    // Ranks: arrivals per column, placed above the first card of lower priority.
    const arrivals = new Map<string, Arrival[]>();
    const newIds = work.creates.map(() => randomUUID());
    work.creates.forEach((card, i) => {
      if (card.columnId && locked.has(card.columnId)) {
        const list = arrivals.get(card.columnId) ?? [];
        list.push({ id: newIds[i] as string, priority: card.fields.priority });
        arrivals.set(card.columnId, list);
      }
    });
    const reopenColumn = work.entryColumnId ? locked.get(work.entryColumnId) : undefined;
    if (reopenColumn) {
      const list = arrivals.get(reopenColumn.id) ?? [];
      for (const task of reopened) list.push({ id: task.id, priority: task.priority });
      arrivals.set(reopenColumn.id, list);
    }
    const ranks = new Map<string, string>();
    for (const [columnId, list] of arrivals) {
      for (const [id, rank] of await this.rankArrivals(
        tx,
        locked.get(columnId) as BoardColumn,
        list,
      ))
        ranks.set(id, rank);
    }

    // Numbers last: the team's counter stays locked only for the inserts that use them.
    const first =
      work.creates.length > 0
        ? await this.teams.takeTaskNumbers(tx, work.teamId, work.creates.length)
        : null;
    if (first !== null) {
      const rows = work.creates.map((card, i) => {
        const id = newIds[i] as string;
        const column = card.columnId ? locked.get(card.columnId) : undefined;
        const number = first + i;
        result.created.set(card.alertId, id);
        event(id, 'CREATED', {
          to: {
            columnId: column?.id ?? null,
            category: column?.category ?? null,
            sprintId: sprint?.id ?? null,
            estimate: card.fields.estimate,
          },
          note: card.note,
        });
        return {
          id,
          teamId: work.teamId,
          number,
          key: `${work.teamKey}-${number}`,
          ...card.fields,
          columnId: column?.id ?? null,
          rank: column ? (ranks.get(id) as string) : '',
          sprintId: sprint?.id ?? null,
          assigneeId: null,
          source: 'ALERT' as const,
          planned: false,
          addedToSprintAt: sprint ? work.now : null,
          relatedTaskId: card.relatedTaskId,
          ...flowTimestampsAfterMove(
            { startedAt: null, completedAt: null },
            column?.category ?? null,
            work.now,
          ),
        };
      });
      await this.tasks.createMany(tx, rows);
    }

    for (const task of reopened) {
      const column = reopenColumn ?? null;
      await this.tasks.update(tx, task.id, {
        ...(column ? { columnId: column.id, rank: ranks.get(task.id) } : {}),
        ...flowTimestampsAfterMove(task, column?.category ?? null, work.now),
        completedAt: null,
        resolution: null,
        reopenCount: task.reopenCount + 1,
        ...(this.needsSprint(task, sprint)
          ? {
              sprintId: sprint?.id ?? null,
              planned: false,
              addedToSprintAt: sprint ? work.now : null,
            }
          : {}),
      });
      event(task.id, 'REOPENED', {
        from: { columnId: task.columnId, completedAt: task.completedAt?.toISOString() ?? null },
        to: { columnId: column?.id ?? task.columnId, category: column?.category ?? null },
        note: 'the alert fired again within the reopen window',
      });
    }

    for (const touch of work.touches) {
      if (touch.raisePriority) {
        const before = await this.tasks.update(tx, touch.taskId, { priority: touch.raisePriority });
        event(before.id, 'PRIORITY_RAISED', {
          to: touch.raisePriority,
          note: 'alert severity rose',
        });
      }
      if (touch.refired) event(touch.taskId, 'ALERT_FIRED', { note: 'the alert fired again' });
      if (touch.acknowledged)
        event(touch.taskId, 'ALERT_ACKNOWLEDGED', { note: 'acknowledged at the source' });
    }

    for (const resolve of work.resolves) {
      event(resolve.taskId, 'ALERT_RESOLVED', { to: { endsAt: resolve.endsAt.toISOString() } });
      if (resolve.moveIfUnstarted && work.integration.resolveColumnId) {
        const column = locked.get(work.integration.resolveColumnId);
        if (column) await this.moveResolved(tx, resolve.taskId, column, events, work);
      }
    }

    await this.events.record(tx, events);
    // Alert cards charge the active sprint's reserve: note when they push it past 80% / 100%.
    const charged = [...result.created.values(), ...reopened.map((t) => t.id)];
    if (sprint && charged.length > 0) {
      await this.reserves.recordCrossings(
        tx,
        sprint.id,
        charged[charged.length - 1] as string,
        work.now,
      );
    }
    for (const column of locked.values()) {
      if (column.wipLimit === null) continue;
      const count = (await this.tasks.countByColumns([column.id], tx)).get(column.id) ?? 0;
      // Alert cards are never refused for WIP; an overfull column is reported instead.
      if (count > column.wipLimit)
        result.overfullColumns.push({
          columnId: column.id,
          name: column.name,
          wipLimit: column.wipLimit,
          cards: count,
        });
    }
    return result;
  }

  private needsSprint(task: Task, sprint: Sprint | null): boolean {
    return sprint !== null && task.sprintId !== sprint.id;
  }

  /** An unstarted card whose alert resolved moves to the integration's resolve column. */
  private async moveResolved(
    tx: PrismaTx,
    taskId: string,
    column: BoardColumn,
    events: NewTaskEvent[],
    work: CardWork,
  ): Promise<void> {
    const task = await this.tasks.findLive(taskId, tx);
    if (!task || task.columnId === column.id) return;
    const rank = await this.placement.rankAt(tx, {
      column,
      taskId,
      currentColumnId: task.columnId,
      force: true,
    });
    await this.tasks.update(tx, taskId, {
      columnId: column.id,
      rank,
      ...flowTimestampsAfterMove(task, column.category, work.now),
    });
    events.push({
      taskId,
      teamId: work.teamId,
      kind: 'MOVED',
      actor: ALERT_ACTOR,
      at: work.now,
      from: { columnId: task.columnId },
      to: { columnId: column.id, column: column.name, category: column.category },
      note: 'alert resolved before work started',
    });
  }

  /**
   * Keys for cards arriving in a column: each goes right above the topmost card of lower
   * priority (or at the end), more urgent arrivals first.
   */
  private async rankArrivals(
    tx: PrismaTx,
    column: BoardColumn,
    arrivals: Arrival[],
  ): Promise<Map<string, string>> {
    const first = await this.tryRankArrivals(tx, column, arrivals);
    if (first) return first;
    // Crowded spot (keys too long or out of order): respace the column once and place again.
    await this.placement.respace(tx, column.id);
    const second = await this.tryRankArrivals(tx, column, arrivals);
    if (!second) throw new Error(`Could not rank alert cards in column ${column.id}`);
    return second;
  }

  private async tryRankArrivals(
    tx: PrismaTx,
    column: BoardColumn,
    arrivals: Arrival[],
  ): Promise<Map<string, string> | null> {
    const out = new Map<string, string>();
    const tops = await this.tasks.topCardPerPriority(tx, column.id);
    const arrivingIds = new Set(arrivals.map((a) => a.id));
    // Anchor of priority p: the first (by rank) existing card whose priority is lower than p.
    const anchorFor = (priority: TaskPriority): { id: string; rank: string } | null => {
      const lower = tops.filter(
        (t) => priorityRank(t.priority) < priorityRank(priority) && !arrivingIds.has(t.id),
      );
      return lower.reduce<{ id: string; rank: string } | null>(
        (best, t) =>
          !best || t.rank < best.rank || (t.rank === best.rank && t.id < best.id) ? t : best,
        null,
      );
    };
    const groups = new Map<
      string,
      { anchor: { id: string; rank: string } | null; items: Arrival[] }
    >();
    for (const arrival of [...arrivals].sort(
      (a, b) => priorityRank(b.priority) - priorityRank(a.priority),
    )) {
      const anchor = anchorFor(arrival.priority);
      const key = anchor?.id ?? '';
      const group = groups.get(key) ?? { anchor, items: [] };
      group.items.push(arrival);
      groups.set(key, group);
    }
    for (const { anchor, items } of groups.values()) {
      const prev = await this.tasks.lastRankBefore(tx, column.id, anchor, null);
      if (prev && anchor && prev.rank >= anchor.rank) return null;
      const keys = ranksAfter(prev?.rank ?? null, anchor?.rank ?? null, items.length);
      if (keys.some((k) => k.length > MAX_RANK_LENGTH)) return null;
      items.forEach((item, i) => out.set(item.id, keys[i] as string));
    }
    return out;
  }
}
