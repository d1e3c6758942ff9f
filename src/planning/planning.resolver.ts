import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { IdArg } from '../common/graphql/id.pipe';
import { ParseIdPipe } from '../common/graphql/id.pipe';
import { ReplanProposal } from '../sprints/models/replan-proposal.model';
import { Sprint } from '../sprints/models/sprint.model';
import type { ReplanProposalView } from '../sprints/reserve/replan-proposal-view';
import { PlanSprintInput, UnplanTasksInput } from './dto/planning.inputs';
import { ReplanDecisionsService } from './replan-decisions.service';
import { SprintPlanningService } from './sprint-planning.service';
import { Authorize, ref } from '../auth/authorize.decorator';

@Resolver(() => Sprint)
export class PlanningResolver {
  constructor(
    private readonly planning: SprintPlanningService,
    private readonly replans: ReplanDecisionsService,
  ) {}

  @Mutation(() => ReplanProposal, {
    description:
      'Moves the proposed tasks out of the sprint (to the backlog) in one transaction, recorded in their history; REPLAN_PROPOSAL_STALE if one was started, finished or left meanwhile.',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.replanProposal(a.id)])
  acceptReplanProposal(@IdArg() id: string): Promise<ReplanProposalView> {
    return this.replans.accept(id);
  }

  @Mutation(() => ReplanProposal, {
    description: 'Keeps the plan; the reason is recorded on the proposal.',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.replanProposal(a.id)])
  rejectReplanProposal(
    @IdArg() id: string,
    @Args('reason') reason: string,
  ): Promise<ReplanProposalView> {
    return this.replans.reject(id, reason);
  }

  @Mutation(() => Sprint, {
    description:
      'Adds tasks to a sprint; beyond plannablePoints fails with CAPACITY_EXCEEDED unless force.',
  })
  @Authorize('ADMIN', (a: { input: PlanSprintInput }) => [ref.sprint(a.input.sprintId)])
  planSprint(@Args('input') input: PlanSprintInput): Promise<Sprint> {
    return this.planning.plan(input);
  }

  @Mutation(() => Sprint, { description: 'Returns tasks of a sprint to the backlog.' })
  @Authorize('ADMIN', (a: { input: UnplanTasksInput }) => [ref.sprint(a.input.sprintId)])
  unplanTasks(@Args('input') input: UnplanTasksInput): Promise<Sprint> {
    return this.planning.unplan(input);
  }

  @Mutation(() => Sprint, {
    description: 'PLANNED → ACTIVE; freezes the planned scope as committedPoints.',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.sprint(a.id)])
  startSprint(@IdArg() id: string): Promise<Sprint> {
    return this.planning.start(id);
  }

  @Mutation(() => Sprint, {
    description: 'Deletes a PLANNED sprint; its tasks return to the backlog.',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.sprint(a.id)])
  deleteSprint(@IdArg() id: string): Promise<Sprint> {
    return this.planning.delete(id);
  }

  @Mutation(() => Sprint, {
    description:
      'ACTIVE → CLOSED; unfinished tasks go to carryOverToSprintId (a PLANNED sprint) or back to the backlog.',
  })
  @Authorize('ADMIN', (a: { id: string; carryOverToSprintId?: string | null }) => [
    ref.sprint(a.id),
    ref.sprint(a.carryOverToSprintId),
  ])
  closeSprint(
    @IdArg() id: string,
    @Args('carryOverToSprintId', { type: () => ID, nullable: true }, ParseIdPipe)
    carryOverToSprintId?: string | null,
  ): Promise<Sprint> {
    return this.planning.close(id, carryOverToSprintId);
  }
}
