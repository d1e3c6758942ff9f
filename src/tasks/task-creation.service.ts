import { Injectable } from '@nestjs/common';
import { BoardNotFoundError, ColumnNotFoundError } from '../boards/boards.errors';
import { BoardsRepository, ColumnsRepository } from '../boards/boards.repository';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import { InputError } from '../common/errors/app-error';
import { requestContext } from '../common/logging/request-context';
import type { BoardColumn, Sprint, Task } from '../generated/prisma/client';
import { PlanningCapacityService } from '../sprints/planning-capacity.service';
import { SprintReserveService } from '../sprints/reserve/sprint-reserve.service';
import { SprintNotFoundError, SprintStateError } from '../sprints/sprints.errors';
import { SprintsRepository } from '../sprints/sprints.repository';
import { MembersService } from '../teams/members.service';
import { TeamsRepository } from '../teams/teams.repository';
import { TeamsService } from '../teams/teams.service';
import { ColumnPlacementService } from './column-placement.service';
import { CreateTaskInput } from './dto/task.inputs';
import { flowTimestampsAfterMove } from './flow-timestamps';
import { TaskEventsRepository } from './task-events.repository';
import { TasksRepository } from './tasks.repository';

/**
 * Creating a card: its team, column and sprint checked, then numbered, ranked in its column and
 * counted against its sprint's capacity in one transaction.
 */
@Injectable()
export class TaskCreationService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tasks: TasksRepository,
    private readonly events: TaskEventsRepository,
    private readonly teams: TeamsService,
    private readonly teamsRepo: TeamsRepository,
    private readonly members: MembersService,
    private readonly boards: BoardsRepository,
    private readonly columns: ColumnsRepository,
    private readonly sprints: SprintsRepository,
    private readonly planning: PlanningCapacityService,
    private readonly placement: ColumnPlacementService,
    private readonly reserves: SprintReserveService,
  ) {}

  async create(input: CreateTaskInput): Promise<Task> {
    const team = await this.teams.get({ id: input.teamId });
    const [column, sprint] = await Promise.all([
      this.targetColumn(input),
      this.targetSprint(input.teamId, input.sprintId, 'input.sprintId'),
    ]);
    if (input.assigneeId)
      await this.members.getAssignable(input.teamId, input.assigneeId, 'input.assigneeId');
    const now = new Date();
    const actor = requestContext.actor();

    // Capacity, WIP and numbering decisions must all hold at commit: one transaction, taking the
    // sprint, column and task-counter locks in that order (the order every writer uses).
    return this.prisma.$transaction(async (tx) => {
      const estimate = input.estimate ?? null;
      const rank = await this.makeRoom(tx, {
        sprint,
        column,
        estimate,
        force: input.force ?? false,
      });
      const flow = flowTimestampsAfterMove(
        { startedAt: null, completedAt: null },
        column?.category ?? null,
        now,
      );
      const number = await this.teamsRepo.takeTaskNumbers(tx, input.teamId);
      const task = await this.tasks.create(tx, {
        teamId: input.teamId,
        number,
        key: `${team.key}-${number}`,
        title: input.title,
        description: input.description ?? null,
        type: input.type ?? 'FEATURE',
        priority: input.priority ?? 'NONE',
        estimate,
        columnId: column?.id ?? null,
        rank,
        sprintId: sprint?.id ?? null,
        assigneeId: input.assigneeId ?? null,
        labels: input.labels ?? [],
        source: 'MANUAL',
        planned: false,
        addedToSprintAt: sprint ? now : null,
        ...flow,
      });
      await this.events.record(tx, [
        {
          taskId: task.id,
          teamId: task.teamId,
          kind: 'CREATED',
          actor,
          at: now,
          to: {
            columnId: task.columnId,
            category: column?.category ?? null,
            sprintId: task.sprintId,
            estimate,
            assigneeId: task.assigneeId,
          },
        },
      ]);
      if (task.sprintId) await this.reserves.recordCrossings(tx, task.sprintId, task.id, now);
      return task;
    });
  }

  /**
   * Locks the sprint, then the column, and checks each has room for the card (the sprint's
   * capacity, the column's WIP limit, unless forced); returns the card's rank in the column.
   */
  private async makeRoom(
    tx: PrismaTx,
    card: {
      sprint: Sprint | null;
      column: BoardColumn | null;
      estimate: number | null;
      force: boolean;
    },
  ): Promise<string> {
    const { sprint, column, force } = card;
    if (sprint) {
      const locked = await this.sprints.lock(tx, sprint.id);
      if (!locked || locked.state === 'CLOSED')
        throw new SprintStateError(`Sprint "${sprint.name}" is closed`, 'CLOSED');
      await this.planning.assertRoomFor(tx, locked, card.estimate ?? 0, force);
    }
    if (!column) return '';
    const locked = await this.columns.lock(tx, column.id);
    if (!locked) throw new ColumnNotFoundError(column.id);
    return this.placement.place(tx, { column: locked, taskId: null, currentColumnId: null, force });
  }

  /** The column a new card goes to, checked against the team and the board given. */
  private async targetColumn(input: CreateTaskInput): Promise<BoardColumn | null> {
    if (input.columnId) {
      const column = await this.columns.findWithTeam(input.columnId);
      if (!column) throw new ColumnNotFoundError(input.columnId);
      if (column.board.teamId !== input.teamId)
        throw InputError.field('input.columnId', "is not a column of the team's boards");
      if (input.boardId && column.boardId !== input.boardId)
        throw InputError.field('input.columnId', 'is not a column of the board given in boardId');
      return column;
    }
    const board = input.boardId
      ? await this.boards.findById(input.boardId)
      : await this.boards.findFirstOfTeam(input.teamId);
    if (input.boardId && (!board || board.teamId !== input.teamId)) {
      if (!board) throw new BoardNotFoundError(input.boardId);
      throw InputError.field('input.boardId', 'is a board of another team');
    }
    return board ? this.columns.findEntryColumn(board.id) : null;
  }

  private async targetSprint(
    teamId: string,
    sprintId: string | null | undefined,
    field: string,
  ): Promise<Sprint | null> {
    if (!sprintId) return null;
    const sprint = await this.sprints.findById(sprintId);
    if (!sprint) throw new SprintNotFoundError(sprintId);
    if (sprint.teamId !== teamId) throw InputError.field(field, 'is a sprint of another team');
    if (sprint.state === 'CLOSED')
      throw new SprintStateError(`Sprint "${sprint.name}" is closed`, sprint.state);
    return sprint;
  }
}
