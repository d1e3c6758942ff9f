import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import { InputError } from '../common/errors/app-error';
import { requestContext } from '../common/logging/request-context';
import type { ReplanProposal } from '../generated/prisma/client';
import {
  ReplanProposalDecidedError,
  ReplanProposalNotFoundError,
  ReplanProposalStaleError,
  SprintStateError,
} from '../sprints/sprints.errors';
import { SprintsRepository } from '../sprints/sprints.repository';
import {
  replanProposalView,
  type ReplanProposalView,
} from '../sprints/reserve/replan-proposal-view';
import {
  type ProposedTask,
  ReplanProposalsRepository,
} from '../sprints/reserve/replan-proposals.repository';
import { TaskEventsRepository } from '../tasks/task-events.repository';
import { TasksRepository } from '../tasks/tasks.repository';

/** The team's answer to a replan proposal: move the proposed work out, or keep the plan. */
@Injectable()
export class ReplanDecisionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly proposals: ReplanProposalsRepository,
    private readonly sprints: SprintsRepository,
    private readonly tasks: TasksRepository,
    private readonly events: TaskEventsRepository,
  ) {}

  /** Unplans the proposed tasks: they return to the backlog, each with a history entry. */
  accept(id: string): Promise<ReplanProposalView> {
    const actor = requestContext.actor();
    // The tasks leave and the decision is recorded together, or neither happens.
    return this.prisma.$transaction(async (tx) => {
      const proposal = await this.lockPending(tx, id);
      const proposed = proposal.tasks as unknown as ProposedTask[];
      const sprint = (await this.sprints.findById(proposal.sprintId, tx))!;
      const current = await this.tasks.lockForTeam(
        tx,
        sprint.teamId,
        proposed.map((t) => t.taskId),
      );
      const stale = proposed.filter((p) => {
        const task = current.find((t) => t.id === p.taskId);
        return (
          !task ||
          task.sprintId !== sprint.id ||
          !task.planned ||
          task.startedAt !== null ||
          task.completedAt !== null
        );
      });
      if (stale.length > 0) throw new ReplanProposalStaleError(stale.map((t) => t.key));
      const at = new Date();
      await this.tasks.setSprint(
        tx,
        proposed.map((t) => t.taskId),
        { sprintId: null, planned: false, addedToSprintAt: null },
      );
      await this.events.record(
        tx,
        proposed.map((t) => ({
          taskId: t.taskId,
          teamId: sprint.teamId,
          kind: 'SPRINT_CHANGED' as const,
          actor,
          at,
          from: sprint.id,
          to: null,
          note: `replan proposal ${proposal.sequence} accepted: the reserve overflowed by ${proposal.overflowPoints}`,
        })),
      );
      return replanProposalView(
        await this.proposals.decide(tx, proposal.id, {
          status: 'ACCEPTED',
          at,
          by: actor,
          reason: null,
        }),
      );
    });
  }

  /** Keeps the plan; the decision and its reason are recorded on the proposal. */
  reject(id: string, reason: string): Promise<ReplanProposalView> {
    const text = reason.trim();
    if (text.length === 0 || text.length > 1000)
      throw InputError.field('reason', 'must be 1 to 1000 characters');
    const actor = requestContext.actor();
    return this.prisma.$transaction(async (tx) => {
      const proposal = await this.lockPending(tx, id);
      return replanProposalView(
        await this.proposals.decide(tx, proposal.id, {
          status: 'REJECTED',
          at: new Date(),
          by: actor,
          reason: text,
        }),
      );
    });
  }

  /** Sprint lock first (the order every sprint writer uses), then the proposal's row. */
  private async lockPending(tx: PrismaTx, id: string): Promise<ReplanProposal> {
    const found = await this.proposals.findById(id, tx);
    if (!found) throw new ReplanProposalNotFoundError(id);
    const sprint = await this.sprints.lock(tx, found.sprintId);
    const proposal = await this.proposals.lock(tx, id);
    if (!sprint || !proposal) throw new ReplanProposalNotFoundError(id);
    if (proposal.status !== 'PENDING') throw new ReplanProposalDecidedError(proposal);
    if (sprint.state !== 'ACTIVE')
      throw new SprintStateError(
        `Sprint "${sprint.name}" is ${sprint.state}; proposals are decided while it runs`,
        sprint.state,
      );
    return proposal;
  }
}
