import {
  Args,
  Context,
  Float,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql/graphql-context';
import { SprintState } from '../common/graphql/enums';
import { IdArg } from '../common/graphql/id.pipe';
import { Member } from '../teams/models/member.model';
import { Team } from '../teams/models/team.model';
import { TeamsLoader } from '../teams/teams.loader';
import { roundPoints } from './capacity';
import {
  CreateSprintInput,
  SetMemberAvailabilityInput,
  UpdateSprintInput,
} from './dto/sprint.inputs';
import { ReplanProposal } from './models/replan-proposal.model';
import {
  CapacityDay,
  MemberCapacity,
  ReserveBasis,
  ReserveEvent,
  Sprint,
} from './models/sprint.model';
import type { ReplanProposalView } from './reserve/replan-proposal-view';
import { SprintsLoader } from './sprints.loader';
import { SprintsService } from './sprints.service';
import { Authorize, ref } from '../auth/authorize.decorator';

@Resolver(() => Sprint)
export class SprintsResolver {
  constructor(
    private readonly sprints: SprintsService,
    private readonly loader: SprintsLoader,
    private readonly teamsLoader: TeamsLoader,
  ) {}

  @Query(() => Sprint)
  @Authorize('VIEWER', (a: { id: string }) => [ref.sprint(a.id)])
  sprint(@IdArg() id: string): Promise<Sprint> {
    return this.sprints.get(id);
  }

  @Query(() => [Sprint], { name: 'sprints', description: "A team's sprints, newest first." })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  listSprints(
    @IdArg('teamId') teamId: string,
    @Args('state', { type: () => SprintState, nullable: true }) state?: SprintState,
  ): Promise<Sprint[]> {
    return this.sprints.list(teamId, state);
  }

  @Mutation(() => Sprint)
  @Authorize('ADMIN', (a: { input: CreateSprintInput }) => [ref.team(a.input.teamId)])
  createSprint(@Args('input') input: CreateSprintInput): Promise<Sprint> {
    return this.sprints.create(input);
  }

  @Mutation(() => Sprint)
  @Authorize('ADMIN', (a: { id: string }) => [ref.sprint(a.id)])
  updateSprint(@IdArg() id: string, @Args('input') input: UpdateSprintInput): Promise<Sprint> {
    return this.sprints.update(id, input);
  }

  @Mutation(() => Sprint, {
    description:
      "Sets a member's days off (as dates, whole or half days) and optionally capacity for one sprint. Dates outside the sprint, on a non-working day or on a team holiday are refused (BAD_USER_INPUT naming the date).",
  })
  @Authorize('ADMIN', (a: { input: SetMemberAvailabilityInput }) => [
    ref.sprint(a.input.sprintId),
    ref.member(a.input.memberId),
  ])
  setMemberAvailability(@Args('input') input: SetMemberAvailabilityInput): Promise<Sprint> {
    return this.sprints.setMemberAvailability(input);
  }

  @ResolveField(() => Team)
  async team(@Parent() sprint: Sprint, @Context() ctx: GraphqlContext): Promise<Team> {
    return (await this.teamsLoader.team(ctx.loaders).load(sprint.teamId)) as Team;
  }

  @ResolveField(() => Int, {
    description: 'Team working days from start to end, inclusive, less the team holidays.',
  })
  async workingDays(@Parent() sprint: Sprint, @Context() ctx: GraphqlContext): Promise<number> {
    return (await this.loader.capacity(ctx.loaders).load(sprint)).workingDays;
  }

  @ResolveField(() => Float, {
    description:
      'Σ over the working days that are not team holidays of each member’s capacityPerDay × (1 − fraction off that day) × focusFactor: the sum of capacityByDay.',
  })
  async capacityPoints(@Parent() sprint: Sprint, @Context() ctx: GraphqlContext): Promise<number> {
    return (await this.loader.capacity(ctx.loaders).load(sprint)).capacityPoints;
  }

  @ResolveField(() => [CapacityDay], {
    description:
      'Capacity day by day: one entry per working day of the sprint that is not a team holiday.',
  })
  async capacityByDay(
    @Parent() sprint: Sprint,
    @Context() ctx: GraphqlContext,
  ): Promise<CapacityDay[]> {
    return (await this.loader.capacity(ctx.loaders).load(sprint)).byDay;
  }

  @ResolveField(() => Float, {
    description:
      "Capacity kept for unplanned production work: by the team's policy while PLANNED, frozen at start.",
  })
  async reservedPoints(@Parent() sprint: Sprint, @Context() ctx: GraphqlContext): Promise<number> {
    return (await this.loader.reserve(ctx.loaders).load(sprint)).points;
  }

  @ResolveField(() => ReserveBasis, { description: 'How reservedPoints was sized.' })
  async reserveBasis(
    @Parent() sprint: Sprint,
    @Context() ctx: GraphqlContext,
  ): Promise<ReserveBasis> {
    return (await this.loader.reserve(ctx.loaders).load(sprint)).basis;
  }

  @ResolveField(() => Boolean, {
    description: 'reservedPoints was set by hand (setSprintReserve).',
  })
  reserveOverride(@Parent() sprint: Sprint): boolean {
    return sprint.reserveOverride;
  }

  @ResolveField(() => [ReserveEvent], {
    description: 'When unplanned production work crossed 80% and 100% of the reserve.',
  })
  reserveEvents(@Parent() sprint: Sprint, @Context() ctx: GraphqlContext): Promise<ReserveEvent[]> {
    return this.loader.reserveEvents(ctx.loaders).load(sprint.id);
  }

  @ResolveField(() => [ReplanProposal], {
    description:
      "PROPOSE_SWAP: the replan proposals made when the reserve overflowed, and the team's decisions.",
  })
  replanProposals(
    @Parent() sprint: Sprint,
    @Context() ctx: GraphqlContext,
  ): Promise<ReplanProposalView[]> {
    return this.loader.replanProposals(ctx.loaders).load(sprint.id);
  }

  @ResolveField(() => Float, {
    description: 'capacityPoints − reservedPoints: what planning may fill.',
  })
  async plannablePoints(@Parent() sprint: Sprint, @Context() ctx: GraphqlContext): Promise<number> {
    const [capacity, reserve] = await Promise.all([
      this.loader.capacity(ctx.loaders).load(sprint),
      this.loader.reserve(ctx.loaders).load(sprint),
    ]);
    return roundPoints(Math.max(0, capacity.capacityPoints - reserve.points));
  }

  @Mutation(() => Sprint, {
    description: "Sets the sprint's reserve by hand (an override the policy no longer changes).",
  })
  @Authorize('ADMIN', (a: { sprintId: string }) => [ref.sprint(a.sprintId)])
  setSprintReserve(
    @IdArg('sprintId') sprintId: string,
    @Args('points', { type: () => Float }) points: number,
  ): Promise<Sprint> {
    return this.sprints.setReserve(sprintId, points);
  }

  @ResolveField(() => Float, {
    description:
      'Planned scope: frozen when the sprint starts; until then the points planned so far.',
  })
  async committedPoints(@Parent() sprint: Sprint, @Context() ctx: GraphqlContext): Promise<number> {
    if (sprint.committedPoints !== null) return sprint.committedPoints;
    return roundPoints(await this.loader.scopePoints(ctx.loaders).load(sprint.id));
  }

  @ResolveField(() => Float, {
    description: 'Points of every task in the sprint now, planned or not.',
  })
  async scopePoints(@Parent() sprint: Sprint, @Context() ctx: GraphqlContext): Promise<number> {
    return roundPoints(await this.loader.scopePoints(ctx.loaders).load(sprint.id));
  }

  @ResolveField(() => [MemberCapacity], {
    description: 'Capacity of each member counted in this sprint.',
  })
  async memberCapacity(
    @Parent() sprint: Sprint,
    @Context() ctx: GraphqlContext,
  ): Promise<MemberCapacity[]> {
    return (await this.loader.capacity(ctx.loaders).load(sprint)).members;
  }

  @ResolveField(() => Sprint, {
    nullable: true,
    description: 'Where unfinished work went when this sprint closed.',
  })
  carriedOverTo(@Parent() sprint: Sprint, @Context() ctx: GraphqlContext): Promise<Sprint | null> {
    return sprint.carriedOverToId
      ? this.loader.sprint(ctx.loaders).load(sprint.carriedOverToId)
      : Promise.resolve(null);
  }
}

@Resolver(() => MemberCapacity)
export class MemberCapacityResolver {
  constructor(private readonly teamsLoader: TeamsLoader) {}

  @ResolveField(() => Member)
  async member(
    @Parent() capacity: MemberCapacity,
    @Context() ctx: GraphqlContext,
  ): Promise<Member> {
    return (await this.teamsLoader.member(ctx.loaders).load(capacity.memberId)) as Member;
  }
}

@Resolver(() => Team)
export class TeamSprintsResolver {
  constructor(private readonly loader: SprintsLoader) {}

  @ResolveField(() => [Sprint], { description: 'Sprints of the team, newest first.' })
  sprints(@Parent() team: Team, @Context() ctx: GraphqlContext): Promise<Sprint[]> {
    return this.loader.sprintsOfTeam(ctx.loaders).load(team.id);
  }

  @ResolveField(() => Sprint, { nullable: true })
  activeSprint(@Parent() team: Team, @Context() ctx: GraphqlContext): Promise<Sprint | null> {
    return this.loader.activeSprint(ctx.loaders).load(team.id);
  }
}
