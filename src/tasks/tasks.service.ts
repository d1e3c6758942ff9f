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
import type { Task, TaskEventKind } from '../generated/prisma/client';
import { SlaRepository } from '../sla/sla.repository';
import { SprintReserveService } from '../sprints/reserve/sprint-reserve.service';
import { MembersService } from '../teams/members.service';
import { TeamsService } from '../teams/teams.service';
import { TaskFilter, UpdateTaskInput } from './dto/task.inputs';
import { NewTaskEvent, TaskEventsRepository } from './task-events.repository';
import { TaskChanges, TasksRepository } from './tasks.repository';
import { TaskNotFoundError } from './tasks.errors';

/**
 * Reading, listing, editing and deleting tasks. Creation is in TaskCreationService, moves in
 * TaskMovesService.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tasks: TasksRepository,
    private readonly events: TaskEventsRepository,
    private readonly teams: TeamsService,
    private readonly members: MembersService,
    private readonly reserves: SprintReserveService,
    private readonly sla: SlaRepository,
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
    const { slaStatus, ...rest } = filter ?? {};
    const query = {
      teamId,
      ...rest,
      ...(slaStatus ? { ids: await this.sla.taskIdsWithStatus(teamId, slaStatus) } : {}),
    };
    const [rows, total] = await Promise.all([
      this.tasks.findPage(query, first + 1, beforeNumber),
      this.tasks.count(query),
    ]);
    return toConnection(rows, first, total, (t) => [t.number], cursor !== null);
  }

  async update(id: string, input: UpdateTaskInput): Promise<Task> {
    const current = await this.get({ id });
    if (input.assigneeId)
      await this.members.getAssignable(current.teamId, input.assigneeId, 'input.assigneeId');
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
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
