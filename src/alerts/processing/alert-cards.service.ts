import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PrismaTx } from '../../common/database/prisma.service';
import { ColumnsRepository } from '../../boards/boards.repository';
import type { BoardColumn, Sprint, Task } from '../../generated/prisma/client';
import { SprintReserveService } from '../../sprints/reserve/sprint-reserve.service';
import { SprintsRepository } from '../../sprints/sprints.repository';
import { ColumnPlacementService } from '../../tasks/column-placement.service';
import { MAX_RANK_LENGTH, ranksAfter } from '../../tasks/rank';
import type { NewTaskEvent } from '../../tasks/task-events.repository';
import { TaskEventsRepository } from '../../tasks/task-events.repository';
import { TasksRepository } from '../../tasks/tasks.repository';
import { TeamsRepository } from '../../teams/teams.repository';
import {
  type Arrival,
  arrivalGroups,
  arrivalsOf,
  cardEvent,
  type CardResult,
  type CardWork,
  createdCards,
  lockTargetsOf,
  movesCards,
  type OverfullColumn,
  overfull,
  reopenedCard,
  resolvedMove,
  touchEvents,
} from './alert-card-plan';

/** What the locks of a round's card work hold: the active sprint, reopened cards, columns. */
interface Targets {
  sprint: Sprint | null;
  reopened: Task[];
  columns: Map<string, BoardColumn>;
}

/**
 * Turns alert decisions into card writes within the delivery's transaction: numbering new cards
 * (team lock), placing them in the active sprint (share lock) and in their column above every
 * lower-priority card (column lock), reopening, and recording each change in card history.
 * What to write is decided in alert-card-plan.ts; each step here reads or writes one part.
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
    const targets = await this.lockTargets(tx, work);
    const newIds = work.creates.map(() => randomUUID());
    const ranks = await this.rankArrivals(
      tx,
      targets.columns,
      arrivalsOf(work, newIds, targets.columns, targets.reopened),
    );
    const events: NewTaskEvent[] = [];
    const created = await this.insertCreated(tx, work, { newIds, ranks, targets, events });
    await this.reopen(tx, work, { ranks, targets, events });
    await this.touch(tx, work, events);
    await this.resolve(tx, work, targets.columns, events);
    await this.events.record(tx, events);
    await this.chargeReserve(tx, work, targets, [...created.values()]);
    return { created, overfullColumns: await this.overfullColumns(tx, targets.columns) };
  }

  /** Lock order shared with every writer: sprint, then columns (sorted), then the task counter. */
  private async lockTargets(tx: PrismaTx, work: CardWork): Promise<Targets> {
    const sprint = movesCards(work) ? await this.sprints.findActiveShared(tx, work.teamId) : null;
    const reopened =
      work.reopens.length > 0
        ? await this.tasks.findByIds(
            work.reopens.map((r) => r.taskId),
            tx,
          )
        : [];
    // Column locks (sorted): ranks are decided one delivery at a time per column, so concurrent
    // deliveries never hand out the same position.
    const columns = new Map<string, BoardColumn>();
    for (const id of lockTargetsOf(work, reopened.length > 0)) {
      const column = await this.columns.lock(tx, id);
      if (column) columns.set(id, column);
    }
    return { sprint, reopened, columns };
  }

  /** Ranks of the cards arriving in each locked column: card id → rank. */
  private async rankArrivals(
    tx: PrismaTx,
    columns: ReadonlyMap<string, BoardColumn>,
    arrivals: Map<string, Arrival[]>,
  ): Promise<Map<string, string>> {
    const ranks = new Map<string, string>();
    for (const [columnId, list] of arrivals) {
      const column = columns.get(columnId) as BoardColumn;
      for (const [id, rank] of await this.rankColumn(tx, column, list)) ranks.set(id, rank);
    }
    return ranks;
  }

  /** Numbers last: the team's counter stays locked only for the inserts that use them. */
  private async insertCreated(
    tx: PrismaTx,
    work: CardWork,
    placed: {
      newIds: string[];
      ranks: Map<string, string>;
      targets: Targets;
      events: NewTaskEvent[];
    },
  ): Promise<Map<string, string>> {
    const created = new Map<string, string>();
    if (work.creates.length === 0) return created;
    const first = await this.teams.takeTaskNumbers(tx, work.teamId, work.creates.length);
    const { rows, events } = createdCards(work, {
      newIds: placed.newIds,
      first,
      locked: placed.targets.columns,
      ranks: placed.ranks,
      sprint: placed.targets.sprint,
    });
    work.creates.forEach((card, i) => created.set(card.alertId, placed.newIds[i] as string));
    placed.events.push(...events);
    await this.tasks.createMany(tx, rows);
    return created;
  }

  private async reopen(
    tx: PrismaTx,
    work: CardWork,
    placed: { ranks: Map<string, string>; targets: Targets; events: NewTaskEvent[] },
  ): Promise<void> {
    const { reopened, columns, sprint } = placed.targets;
    const column = (work.entryColumnId ? columns.get(work.entryColumnId) : undefined) ?? null;
    for (const task of reopened) {
      const { changes, event } = reopenedCard(work, task, { column, ranks: placed.ranks, sprint });
      await this.tasks.update(tx, task.id, changes);
      placed.events.push(event);
    }
  }

  private async touch(tx: PrismaTx, work: CardWork, events: NewTaskEvent[]): Promise<void> {
    for (const touch of work.touches) {
      if (touch.raisePriority)
        await this.tasks.update(tx, touch.taskId, { priority: touch.raisePriority });
      events.push(...touchEvents(work, touch));
    }
  }

  private async resolve(
    tx: PrismaTx,
    work: CardWork,
    columns: ReadonlyMap<string, BoardColumn>,
    events: NewTaskEvent[],
  ): Promise<void> {
    const resolveColumnId = work.integration.resolveColumnId;
    const column = resolveColumnId ? columns.get(resolveColumnId) : undefined;
    for (const resolve of work.resolves) {
      events.push(
        cardEvent(work, resolve.taskId, 'ALERT_RESOLVED', {
          to: { endsAt: resolve.endsAt.toISOString() },
        }),
      );
      if (resolve.moveIfUnstarted && column) {
        const moved = await this.moveResolved(tx, work, resolve.taskId, column);
        if (moved) events.push(moved);
      }
    }
  }

  /** An unstarted card whose alert resolved moves to the integration's resolve column. */
  private async moveResolved(
    tx: PrismaTx,
    work: CardWork,
    taskId: string,
    column: BoardColumn,
  ): Promise<NewTaskEvent | null> {
    const task = await this.tasks.findLive(taskId, tx);
    if (!task || task.columnId === column.id) return null;
    const rank = await this.placement.rankAt(tx, {
      column,
      taskId,
      currentColumnId: task.columnId,
      force: true,
    });
    const { changes, event } = resolvedMove(work, task, column, rank);
    await this.tasks.update(tx, taskId, changes);
    return event;
  }

  /** Alert cards charge the active sprint's reserve: note when they push it past 80% / 100%. */
  private async chargeReserve(
    tx: PrismaTx,
    work: CardWork,
    { sprint, reopened }: Targets,
    createdIds: string[],
  ): Promise<void> {
    const charged = [...createdIds, ...reopened.map((t) => t.id)];
    if (!sprint || charged.length === 0) return;
    await this.reserves.recordCrossings(
      tx,
      sprint.id,
      charged[charged.length - 1] as string,
      work.now,
    );
  }

  private async overfullColumns(
    tx: PrismaTx,
    columns: ReadonlyMap<string, BoardColumn>,
  ): Promise<OverfullColumn[]> {
    const out: OverfullColumn[] = [];
    for (const column of columns.values()) {
      if (column.wipLimit === null) continue;
      const count = (await this.tasks.countByColumns([column.id], tx)).get(column.id) ?? 0;
      const over = overfull(column, count);
      if (over) out.push(over);
    }
    return out;
  }

  /**
   * Keys for cards arriving in a column: each goes right above the topmost card of lower
   * priority (or at the end), more urgent arrivals first.
   */
  private async rankColumn(
    tx: PrismaTx,
    column: BoardColumn,
    arrivals: Arrival[],
  ): Promise<Map<string, string>> {
    const first = await this.tryRankColumn(tx, column, arrivals);
    if (first) return first;
    // Crowded spot (keys too long or out of order): respace the column once and place again.
    await this.placement.respace(tx, column.id);
    const second = await this.tryRankColumn(tx, column, arrivals);
    if (!second) throw new Error(`Could not rank alert cards in column ${column.id}`);
    return second;
  }

  private async tryRankColumn(
    tx: PrismaTx,
    column: BoardColumn,
    arrivals: Arrival[],
  ): Promise<Map<string, string> | null> {
    const out = new Map<string, string>();
    const tops = await this.tasks.topCardPerPriority(tx, column.id);
    for (const { anchor, items } of arrivalGroups(tops, arrivals)) {
      const prev = await this.tasks.lastRankBefore(tx, column.id, anchor, null);
      if (prev && anchor && prev.rank >= anchor.rank) return null;
      const keys = ranksAfter(prev?.rank ?? null, anchor?.rank ?? null, items.length);
      if (keys.some((k) => k.length > MAX_RANK_LENGTH)) return null;
      items.forEach((item, i) => out.set(item.id, keys[i] as string));
    }
    return out;
  }
}
