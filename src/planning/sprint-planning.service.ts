import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import { InputError } from '../common/errors/app-error';
import { requestContext } from '../common/logging/request-context';
import type { Prisma, Sprint, Task } from '../generated/prisma/client';
import { CapacityReportService } from '../reports/capacity-report.service';
import { SprintReserveService } from '../sprints/reserve/sprint-reserve.service';
import { roundPoints } from '../sprints/capacity';
import { PlanningCapacityService } from '../sprints/planning-capacity.service';
import {
  SprintAlreadyActiveError,
  SprintNotFoundError,
  SprintStateError,
} from '../sprints/sprints.errors';
import { SprintNotices } from '../sprints/sprint-notices';
import { SprintsRepository } from '../sprints/sprints.repository';
import { TaskEventsRepository } from '../tasks/task-events.repository';
import { TasksRepository } from '../tasks/tasks.repository';
import { TeamsRepository } from '../teams/teams.repository';
import { PlanSprintInput, UnplanTasksInput } from './dto/planning.inputs';

const points = (tasks: Task[]): number =>
  roundPoints(tasks.reduce((sum, t) => sum + (t.estimate ?? 0), 0));

/** A sprint's life: planning scope, starting (freezing the commitment), closing (carrying over). */
@Injectable()
export class SprintPlanningService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly reports: CapacityReportService,
    private readonly reserves: SprintReserveService,
    private readonly sprints: SprintsRepository,
    private readonly teams: TeamsRepository,
    private readonly tasks: TasksRepository,
    private readonly events: TaskEventsRepository,
    private readonly capacity: PlanningCapacityService,
    private readonly notices: SprintNotices,
  ) {}

  plan(input: PlanSprintInput): Promise<Sprint> {
    const actor = requestContext.actor();
    // The capacity check and the assignment are one decision under the sprint's lock.
    return this.prisma.$transaction(async (tx) => {
      const sprint = await this.lockOpenSprint(tx, input.sprintId);
      const tasks = await this.liveTasksOfTeam(tx, sprint.teamId, input.taskIds);
      const joining = tasks.filter((t) => t.sprintId !== sprint.id);
      await this.capacity.assertRoomFor(tx, sprint, points(joining), input.force ?? false);
      const now = new Date();
      await this.tasks.setSprint(
        tx,
        joining.map((t) => t.id),
        { sprintId: sprint.id, planned: false, addedToSprintAt: now },
      );
      await this.events.record(
        tx,
        joining.map((t) => ({
          taskId: t.id,
          teamId: t.teamId,
          kind: 'SPRINT_CHANGED' as const,
          actor,
          at: now,
          from: t.sprintId,
          to: sprint.id,
          note: sprint.state === 'ACTIVE' ? 'added to an active sprint (unplanned)' : null,
        })),
      );
      const last = joining[joining.length - 1];
      if (last) await this.reserves.recordCrossings(tx, sprint.id, last.id, now);
      return sprint;
    });
  }

  unplan(input: UnplanTasksInput): Promise<Sprint> {
    const actor = requestContext.actor();
    return this.prisma.$transaction(async (tx) => {
      const sprint = await this.lockOpenSprint(tx, input.sprintId);
      const tasks = await this.liveTasksOfTeam(tx, sprint.teamId, input.taskIds);
      const outsiders = tasks.filter((t) => t.sprintId !== sprint.id);
      if (outsiders.length > 0) {
        throw InputError.field(
          'input.taskIds',
          `not in this sprint: ${outsiders.map((t) => t.key).join(', ')}`,
        );
      }
      await this.toBacklog(tx, sprint.id, tasks, actor);
      return sprint;
    });
  }

  start(id: string): Promise<Sprint> {
    // Team lock first (the order every writer uses): at most one ACTIVE sprint per team.
    return this.prisma.$transaction(async (tx) => {
      const existing = await this.sprints.findById(id, tx);
      if (!existing) throw new SprintNotFoundError(id);
      await this.teams.lock(tx, existing.teamId);
      const sprint = (await this.sprints.lock(tx, id)) as Sprint;
      if (sprint.state !== 'PLANNED') {
        throw new SprintStateError(
          `Sprint "${sprint.name}" is ${sprint.state}; only a PLANNED sprint can start`,
          sprint.state,
        );
      }
      const active = await this.sprints.findActiveOfTeam(sprint.teamId, tx);
      if (active) throw new SprintAlreadyActiveError(active);
      const scope = await this.tasks.findBySprints([sprint.id], tx);
      // The reserve stops following the policy and capacity once the sprint runs.
      await this.reserves.freeze(tx, sprint);
      await this.tasks.markPlanned(tx, sprint.id);
      const now = new Date();
      const started = await this.sprints.markStarted(tx, sprint.id, points(scope), now);
      await this.notices.started(tx, started, now);
      return started;
    });
  }

  close(id: string, carryOverToSprintId: string | null | undefined): Promise<Sprint> {
    const actor = requestContext.actor();
    return this.prisma.$transaction(async (tx) => {
      const sprint = await this.sprints.lock(tx, id);
      if (!sprint) throw new SprintNotFoundError(id);
      if (sprint.state !== 'ACTIVE') {
        throw new SprintStateError(
          `Sprint "${sprint.name}" is ${sprint.state}; only an ACTIVE sprint can close`,
          sprint.state,
        );
      }
      const target = carryOverToSprintId
        ? await this.lockCarryTarget(tx, sprint, carryOverToSprintId)
        : null;
      const unfinished = (await this.tasks.findBySprints([sprint.id], tx)).filter(
        (t) => t.completedAt === null,
      );
      const now = new Date();
      // The report is frozen before work moves on: the closed sprint keeps what it held.
      const report = await this.reports.build({ ...sprint, closedAt: now }, now, tx);
      await this.sprints.saveClosingReport(tx, sprint.id, {
        ...report,
        state: 'CLOSED',
      } as unknown as Prisma.InputJsonValue);
      await this.tasks.setSprint(
        tx,
        unfinished.map((t) => t.id),
        { sprintId: target?.id ?? null, planned: false, addedToSprintAt: target ? now : null },
      );
      await this.events.record(
        tx,
        unfinished.map((t) => ({
          taskId: t.id,
          teamId: t.teamId,
          kind: 'CARRIED_OVER' as const,
          actor,
          at: now,
          from: sprint.id,
          to: target?.id ?? null,
          note: target ? `carried over to ${target.name}` : 'returned to the backlog',
        })),
      );
      const closed = await this.sprints.markClosed(
        tx,
        sprint.id,
        { toId: target?.id ?? null, count: unfinished.length, points: points(unfinished) },
        now,
      );
      await this.notices.closed(tx, closed, report, now);
      return closed;
    });
  }

  /** A PLANNED sprint goes away; its tasks return to the backlog, each with a history entry. */
  delete(id: string): Promise<Sprint> {
    const actor = requestContext.actor();
    // Returning the tasks, recording it and deleting the sprint commit together.
    return this.prisma.$transaction(async (tx) => {
      const sprint = await this.sprints.lock(tx, id);
      if (!sprint) throw new SprintNotFoundError(id);
      if (sprint.state !== 'PLANNED') {
        throw new SprintStateError(
          `Only a PLANNED sprint can be deleted; "${sprint.name}" is ${sprint.state}`,
          sprint.state,
        );
      }
      const tasks = await this.tasks.findBySprints([sprint.id], tx);
      await this.toBacklog(tx, sprint.id, tasks, actor, 'sprint deleted');
      return this.sprints.delete(sprint.id, tx);
    });
  }

  /** Tasks leave the sprint for the backlog, each with a history entry. */
  private async toBacklog(
    tx: PrismaTx,
    sprintId: string,
    tasks: { id: string; teamId: string }[],
    actor: string,
    note?: string,
  ): Promise<void> {
    const at = new Date();
    await this.tasks.setSprint(
      tx,
      tasks.map((t) => t.id),
      { sprintId: null, planned: false, addedToSprintAt: null },
    );
    await this.events.record(
      tx,
      tasks.map((t) => ({
        taskId: t.id,
        teamId: t.teamId,
        kind: 'SPRINT_CHANGED' as const,
        actor,
        at,
        from: sprintId,
        to: null,
        ...(note ? { note } : {}),
      })),
    );
  }

  private async lockOpenSprint(tx: PrismaTx, id: string): Promise<Sprint> {
    const sprint = await this.sprints.lock(tx, id);
    if (!sprint) throw new SprintNotFoundError(id);
    if (sprint.state === 'CLOSED')
      throw new SprintStateError(`Sprint "${sprint.name}" is closed`, sprint.state);
    return sprint;
  }

  private async lockCarryTarget(tx: PrismaTx, from: Sprint, targetId: string): Promise<Sprint> {
    if (targetId === from.id)
      throw InputError.field('carryOverToSprintId', 'must be another sprint');
    const target = await this.sprints.lock(tx, targetId);
    if (!target) throw new SprintNotFoundError(targetId);
    if (target.teamId !== from.teamId)
      throw InputError.field('carryOverToSprintId', 'is a sprint of another team');
    if (target.state !== 'PLANNED')
      throw InputError.field('carryOverToSprintId', 'must be a PLANNED sprint');
    return target;
  }

  private async liveTasksOfTeam(tx: PrismaTx, teamId: string, ids: string[]): Promise<Task[]> {
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
    const tasks = await this.tasks.lockForTeam(tx, teamId, wanted);
    if (tasks.length !== wanted.length) {
      const found = new Set(tasks.map((t) => t.id));
      const missing = wanted.filter((id) => !found.has(id));
      throw InputError.field(
        'input.taskIds',
        `not tasks of the sprint's team: ${missing.join(', ')}`,
      );
    }
    return tasks;
  }
}
