import { Injectable } from '@nestjs/common';
import { PrismaService } from '../common/database/prisma.service';
import { InputError } from '../common/errors/app-error';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  toConnection,
  Connection,
} from '../common/graphql/pagination';
import { requestContext } from '../common/logging/request-context';
import { BoardNotFoundError, ColumnNotFoundError } from '../boards/boards.errors';
import { BoardsRepository, ColumnsRepository } from '../boards/boards.repository';
import type { BoardColumn, Sprint, Task, TaskEventKind } from '../generated/prisma/client';
import { PlanningCapacityService } from '../sprints/planning-capacity.service';
import { SprintReserveService } from '../sprints/reserve/sprint-reserve.service';
import { SprintNotFoundError, SprintStateError } from '../sprints/sprints.errors';
import { SprintsRepository } from '../sprints/sprints.repository';
import { MembersRepository } from '../teams/members.repository';
import { MemberNotFoundError } from '../teams/teams.errors';
import { TeamsRepository } from '../teams/teams.repository';
import { TeamsService } from '../teams/teams.service';
import { ColumnPlacementService } from './column-placement.service';
import { CreateTaskInput, TaskFilter, UpdateTaskInput } from './dto/task.inputs';
import { flowTimestampsAfterMove } from './flow-timestamps';
import { NewTaskEvent, TaskEventsRepository } from './task-events.repository';
import { TaskChanges, TasksRepository } from './tasks.repository';
import { TaskNotFoundError } from './tasks.errors';

/** Creating, editing, deleting and listing tasks. Moves are in TaskMovesService. */
@Injectable()
export class TasksService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tasks: TasksRepository,
    private readonly events: TaskEventsRepository,
    private readonly teams: TeamsService,
    private readonly teamsRepo: TeamsRepository,
    private readonly members: MembersRepository,
    private readonly boards: BoardsRepository,
    private readonly columns: ColumnsRepository,
    private readonly sprints: SprintsRepository,
    private readonly planning: PlanningCapacityService,
    private readonly placement: ColumnPlacementService,
    private readonly reserves: SprintReserveService,
  ) {}

  async get(reference: { id?: string | null; key?: string | null }): Promise<Task> {
    if (!reference.id && !reference.key) throw InputError.field('id', 'give the task id or key');
    const task = reference.id
      ? await this.tasks.findLive(reference.id)
      : await this.tasks.findLiveByKey((reference.key as string).trim().toUpperCase());
    if (
      !task ||
      (reference.id && reference.key && task.key !== reference.key.trim().toUpperCase())
    ) {
      throw new TaskNotFoundError((reference.id ?? reference.key) as string);
    }
    return task;
  }

  async list(
    teamId: string,
    filter: TaskFilter | null = null,
    pageSize: number | null = null,
    after: string | null = null,
  ): Promise<Connection<Task>> {
    await this.teams.get({ id: teamId });
    // An explicit `first: null` arrives as null, which a default parameter would let through.
    const first = pageSize ?? DEFAULT_PAGE_SIZE;
    const cursor = after ? decodeCursor(after) : null;
    const beforeNumber = cursor ? Number(cursor[0]) : null;
    if (cursor && !Number.isInteger(beforeNumber))
      throw InputError.field('after', 'is not a cursor returned by this API');
    const query = { teamId, ...(filter ?? {}) };
    const [rows, total] = await Promise.all([
      this.tasks.findPage(query, first + 1, beforeNumber),
      this.tasks.count(query),
    ]);
    return toConnection(rows, first, total, (t) => [t.number], cursor !== null);
  }

  async create(input: CreateTaskInput): Promise<Task> {
    const team = await this.teams.get({ id: input.teamId });
    const [column, sprint] = await Promise.all([
      this.targetColumn(input),
      this.targetSprint(input.teamId, input.sprintId, 'input.sprintId'),
    ]);
    if (input.assigneeId)
      await this.checkAssignee(input.teamId, input.assigneeId, 'input.assigneeId');
    const now = new Date();
    const actor = requestContext.actor();

    // Capacity, WIP and numbering decisions must all hold at commit: one transaction, taking the
    // sprint, column and task-counter locks in that order (the order every writer uses).
    return this.prisma.$transaction(async (tx) => {
      const estimate = input.estimate ?? null;
      if (sprint) {
        const locked = await this.sprints.lock(tx, sprint.id);
        if (!locked || locked.state === 'CLOSED')
          throw new SprintStateError(`Sprint "${sprint.name}" is closed`, 'CLOSED');
        await this.planning.assertRoomFor(tx, locked, estimate ?? 0, input.force ?? false);
      }
      let rank = '';
      if (column) {
        const locked = await this.columns.lock(tx, column.id);
        if (!locked) throw new ColumnNotFoundError(column.id);
        rank = await this.placement.place(tx, {
          column: locked,
          taskId: null,
          currentColumnId: null,
          force: input.force ?? false,
        });
      }
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

  async update(id: string, input: UpdateTaskInput): Promise<Task> {
    const current = await this.get({ id });
    if (input.assigneeId)
      await this.checkAssignee(current.teamId, input.assigneeId, 'input.assigneeId');
    const actor = requestContext.actor();
    const changes: TaskChanges = {};
    const events: NewTaskEvent[] = [];
    const event = (kind: TaskEventKind, from: unknown, to: unknown, note?: string): void => {
      events.push({
        taskId: id,
        teamId: current.teamId,
        kind,
        actor,
        from: from as never,
        to: to as never,
        note,
      });
    };
    for (const field of ['title', 'description', 'type', 'priority'] as const) {
      const value = input[field];
      if (value !== undefined && value !== current[field]) {
        if (value === null && field !== 'description')
          throw InputError.field(`input.${field}`, 'must not be null');
        changes[field] = value as never;
        event('UPDATED', { [field]: current[field] }, { [field]: value }, field);
      }
    }
    if (input.labels === null) throw InputError.field('input.labels', 'must not be null');
    if (input.labels !== undefined && !sameSet(input.labels, current.labels)) {
      changes.labels = input.labels;
      event('UPDATED', { labels: current.labels }, { labels: input.labels }, 'labels');
    }
    if (input.estimate !== undefined && input.estimate !== current.estimate) {
      changes.estimate = input.estimate;
      event('ESTIMATE_CHANGED', current.estimate, input.estimate);
    }
    if (input.assigneeId !== undefined && input.assigneeId !== current.assigneeId) {
      changes.assigneeId = input.assigneeId;
      event('ASSIGNED', current.assigneeId, input.assigneeId);
    }
    if (events.length === 0) return current;
    // The change and its history entries commit together.
    return this.prisma.$transaction(async (tx) => {
      const task = await this.tasks.update(tx, id, changes);
      await this.events.record(tx, events);
      // A re-estimate or re-type in an active sprint may push production work over the reserve.
      if (task.sprintId && (changes.estimate !== undefined || changes.type !== undefined)) {
        await this.reserves.recordCrossings(tx, task.sprintId, task.id, new Date());
      }
      return task;
    });
  }

  async delete(id: string): Promise<Task> {
    const task = await this.get({ id });
    return this.prisma.$transaction(async (tx) => {
      const deleted = await this.tasks.update(tx, id, { deletedAt: new Date() });
      await this.events.record(tx, [
        {
          taskId: id,
          teamId: task.teamId,
          kind: 'DELETED',
          actor: requestContext.actor(),
          from: { columnId: task.columnId, sprintId: task.sprintId },
        },
      ]);
      return deleted;
    });
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

  async targetSprint(
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

  private async checkAssignee(teamId: string, memberId: string, field: string): Promise<void> {
    const member = await this.members.findById(memberId);
    if (!member) throw new MemberNotFoundError(memberId);
    if (member.teamId !== teamId || member.removedAt)
      throw InputError.field(field, 'is not a current member of the team');
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
