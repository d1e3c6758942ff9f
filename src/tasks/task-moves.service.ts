import { Injectable } from '@nestjs/common';
import { PrismaService } from '../common/database/prisma.service';
import { InputError } from '../common/errors/app-error';
import { requestContext } from '../common/logging/request-context';
import {
  BoardNotFoundError,
  ColumnNotEmptyError,
  ColumnNotFoundError,
} from '../boards/boards.errors';
import { BoardsRepository, ColumnsRepository } from '../boards/boards.repository';
import type { Board, Task } from '../generated/prisma/client';
import { ReserveOverflowService } from '../sprints/reserve/reserve-overflow.service';
import { ColumnPlacementService } from './column-placement.service';
import { MoveTaskInput } from './dto/task.inputs';
import { flowTimestampsAfterMove } from './flow-timestamps';
import { evenlySpacedRanks } from './rank';
import { TaskEventsRepository } from './task-events.repository';
import { TaskReopenHooks } from './task-reopen-hooks';
import { TasksRepository } from './tasks.repository';
import { TaskNotFoundError } from './tasks.errors';

/** Moving cards between and within columns, and emptying a column before it is removed. */
@Injectable()
export class TaskMovesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tasks: TasksRepository,
    private readonly events: TaskEventsRepository,
    private readonly boards: BoardsRepository,
    private readonly columns: ColumnsRepository,
    private readonly placement: ColumnPlacementService,
    private readonly overflow: ReserveOverflowService,
    private readonly reopenHooks: TaskReopenHooks,
  ) {}

  async move(input: MoveTaskInput): Promise<Task> {
    const task = await this.tasks.findLive(input.taskId);
    if (!task) throw new TaskNotFoundError(input.taskId);
    const target = await this.columns.findWithTeam(input.columnId);
    if (!target) throw new ColumnNotFoundError(input.columnId);
    if (target.board.teamId !== task.teamId)
      throw InputError.field('input.columnId', "is not a column of the task's team");
    const actor = requestContext.actor();

    // A won't-fix card moved out of DONE goes back to work: it loses its resolution and what
    // hangs on it (muted alerts) is undone with the move.
    const reopens = (t: Task): boolean =>
      t.resolution === 'WONT_FIX' && target.category !== 'DONE' && t.columnId !== target.id;

    // The WIP count, the neighbours' ranks and the write must be one decision: the column's
    // lock is held from the count to the commit.
    return this.prisma.$transaction(async (tx) => {
      // The hooks lock alerts: before the column, the order the webhook pipeline locks in.
      let reopened = false;
      if (reopens(task)) {
        await this.reopenHooks.wontFixReopened(tx, task);
        reopened = true;
      }
      const column = await this.columns.lock(tx, target.id);
      if (!column) throw new ColumnNotFoundError(target.id);
      const current = await this.tasks.findLive(task.id, tx);
      if (!current) throw new TaskNotFoundError(task.id);
      // Closed as won't fix since it was read: undo that too (rarely; the lock order differs).
      if (!reopened && reopens(current)) {
        await this.reopenHooks.wontFixReopened(tx, current);
        reopened = true;
      }
      const clearsResolution = reopened && reopens(current);
      const rank = await this.placement.place(tx, {
        column,
        taskId: current.id,
        currentColumnId: current.columnId,
        beforeTaskId: input.beforeTaskId,
        afterTaskId: input.afterTaskId,
        force: input.force ?? false,
      });
      if (current.columnId === column.id) return this.tasks.update(tx, current.id, { rank });
      // FREEZE_PLANNED_STARTS: a planned task's first start waits while the reserve overflows.
      const frozen =
        column.category === 'IN_PROGRESS' &&
        current.planned &&
        !current.startedAt &&
        current.sprintId
          ? await this.overflow.checkPlannedStart(tx, current.sprintId, input.force ?? false)
          : null;
      const now = new Date();
      const from = current.columnId ? await this.columns.findById(current.columnId, tx) : null;
      const moved = await this.tasks.update(tx, current.id, {
        columnId: column.id,
        rank,
        ...flowTimestampsAfterMove(current, column.category, now),
        ...(clearsResolution ? { resolution: null } : {}),
      });
      await this.events.record(tx, [
        {
          taskId: current.id,
          teamId: current.teamId,
          kind: 'MOVED',
          actor,
          at: now,
          from: from ? { columnId: from.id, column: from.name, category: from.category } : null,
          to: { columnId: column.id, column: column.name, category: column.category },
          ...(frozen
            ? { note: `started with force while the reserve overflows by ${frozen.overflowPoints}` }
            : {}),
        },
        ...(clearsResolution
          ? [
              {
                taskId: current.id,
                teamId: current.teamId,
                kind: 'RESOLUTION_SET' as const,
                actor,
                at: now,
                from: { resolution: 'WONT_FIX' },
                to: { resolution: null },
                note: "moved out of done: no longer won't fix, its alerts unmuted",
              },
            ]
          : []),
      ]);
      return moved;
    });
  }

  /**
   * Removes a column. A column holding cards is refused unless `moveTasksToColumnId` names another
   * column of the board; its cards then go to the end of that column, in their order.
   */
  async removeColumn(id: string, moveTasksToColumnId: string | null | undefined): Promise<Board> {
    const column = await this.columns.findById(id);
    if (!column) throw new ColumnNotFoundError(id);
    const actor = requestContext.actor();
    // Moving the cards and deleting the column commit together, under the board's lock.
    return this.prisma.$transaction(async (tx) => {
      if (!(await this.boards.lock(tx, column.boardId))) throw new ColumnNotFoundError(id);
      // The column's own lock too: a card moved or created into it meanwhile would otherwise be
      // missed here and left off the board when the column is deleted.
      if (!(await this.columns.lock(tx, column.id))) throw new ColumnNotFoundError(id);
      const cards = await this.tasks.orderedIdsOfColumn(tx, column.id);
      if (cards.length > 0) {
        if (!moveTasksToColumnId) throw new ColumnNotEmptyError(column, cards.length);
        if (moveTasksToColumnId === column.id)
          throw InputError.field('moveTasksToColumnId', 'must be another column');
        const target = await this.columns.lock(tx, moveTasksToColumnId);
        if (!target || target.boardId !== column.boardId) {
          throw InputError.field('moveTasksToColumnId', 'is not a column of the same board');
        }
        // Respace the target's cards and the arrivals together: bounded keys whatever the counts.
        const existing = await this.tasks.orderedIdsOfColumn(tx, target.id);
        const ranks = evenlySpacedRanks(existing.length + cards.length);
        await this.tasks.setRanks(
          tx,
          existing.map((c) => c.id),
          ranks.slice(0, existing.length),
        );
        const now = new Date();
        await this.tasks.moveCards(
          tx,
          cards.map((c) => c.id),
          ranks.slice(existing.length),
          { columnId: target.id, category: target.category },
          now,
        );
        const moved = await this.tasks.findByIds(
          cards.map((c) => c.id),
          tx,
        );
        await this.events.record(
          tx,
          moved.map((t) => ({
            taskId: t.id,
            teamId: t.teamId,
            kind: 'MOVED' as const,
            actor,
            at: now,
            from: { columnId: column.id, column: column.name, category: column.category },
            to: { columnId: target.id, column: target.name, category: target.category },
            note: 'column removed',
          })),
        );
      }
      await this.columns.deleteAndClose(tx, column);
      return (await this.boards.findById(column.boardId, tx)) as Board;
    });
  }

  /**
   * Deletes a board and its columns. Its cards stay with the team, off any board; each card's
   * history records that it left its column, in the same transaction.
   */
  async deleteBoard(id: string): Promise<Board> {
    const actor = requestContext.actor();
    // The cards' history and the deletion commit together, under the board's lock.
    return this.prisma.$transaction(async (tx) => {
      if (!(await this.boards.lock(tx, id))) throw new BoardNotFoundError(id);
      const board = (await this.boards.findById(id, tx)) as Board;
      const now = new Date();
      for (const column of await this.columns.findByBoards([id], tx)) {
        const cards = await this.tasks.orderedIdsOfColumn(tx, column.id);
        await this.events.record(
          tx,
          cards.map((card) => ({
            taskId: card.id,
            teamId: board.teamId,
            kind: 'MOVED' as const,
            actor,
            at: now,
            from: { columnId: column.id, column: column.name, category: column.category },
            to: null,
            note: 'board deleted',
          })),
        );
      }
      return this.boards.delete(id, tx);
    });
  }
}
