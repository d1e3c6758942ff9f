import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql/graphql-context';
import { IdArg } from '../common/graphql/id.pipe';
import { CreateTeamInput, UpdateTeamInput } from './dto/team.inputs';
import { Member } from './models/member.model';
import { ReservePolicyModel } from './models/reserve-policy.model';
import { SlaPolicyModel } from '../sla/models/sla-policy.model';
import { slaPolicyOf } from '../sla/sla-policy';
import { Team } from './models/team.model';
import { DEFAULT_RESERVE_POLICY, ReservePolicy } from './reserve-policy';
import { TeamsLoader } from './teams.loader';
import { TeamsService } from './teams.service';
import { Authorize, ref } from '../auth/authorize.decorator';
import { AccessService } from '../auth/access.service';

@Resolver(() => Team)
export class TeamsResolver {
  constructor(
    private readonly access: AccessService,
    private readonly teams: TeamsService,
    private readonly loader: TeamsLoader,
  ) {}

  @Query(() => [Team], { name: 'teams', description: 'All teams, by key.' })
  @Authorize('AUTHENTICATED')
  listTeams(): Promise<Team[]> {
    return this.teams.list(this.access.visibleTeams());
  }

  @Query(() => Team, { description: 'A team by id or key.' })
  @Authorize('VIEWER', (a: { id?: string | null; key?: string | null }) => [
    ref.team(a.id),
    ref.teamKey(a.key),
  ])
  team(
    @IdArg('id', { nullable: true }) id?: string,
    @Args('key', { type: () => String, nullable: true }) key?: string,
  ): Promise<Team> {
    return this.teams.get({ id, key });
  }

  @Mutation(() => Team)
  @Authorize('INSTANCE_ADMIN')
  createTeam(@Args('input') input: CreateTeamInput): Promise<Team> {
    return this.teams.create(input);
  }

  @Mutation(() => Team)
  @Authorize('ADMIN', (a: { id: string }) => [ref.team(a.id)])
  updateTeam(@IdArg() id: string, @Args('input') input: UpdateTeamInput): Promise<Team> {
    return this.teams.update(id, input);
  }

  @ResolveField(() => ReservePolicyModel, {
    description: "How the team's sprints size their reserve.",
  })
  reservePolicy(@Parent() team: Team): ReservePolicyModel {
    const policy = (team.reservePolicy as ReservePolicy | null) ?? DEFAULT_RESERVE_POLICY;
    return {
      mode: policy.mode,
      value: policy.value ?? null,
      lookbackSprints: policy.lookbackSprints ?? null,
      percentile: policy.percentile ?? null,
      minPercent: policy.minPercent ?? null,
      maxPercent: policy.maxPercent ?? null,
      fallbackPercent: policy.fallbackPercent ?? null,
    };
  }

  @ResolveField(() => SlaPolicyModel, {
    description: "Response targets of the team's alert cards, per priority.",
  })
  slaPolicy(@Parent() team: Team): SlaPolicyModel {
    const policy = slaPolicyOf(team.slaPolicy);
    return { urgent: policy.URGENT, high: policy.HIGH, medium: policy.MEDIUM, low: policy.LOW };
  }

  @ResolveField(() => [Member], { description: 'Current members, oldest first.' })
  members(@Parent() team: Team, @Context() ctx: GraphqlContext): Promise<Member[]> {
    return this.loader.activeMembers(ctx.loaders).load(team.id);
  }
}
