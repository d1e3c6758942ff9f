import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql/graphql-context';
import { IdArg } from '../common/graphql/id.pipe';
import { AddMemberInput, UpdateMemberInput } from './dto/team.inputs';
import { MembersService } from './members.service';
import { Member } from './models/member.model';
import { Team } from './models/team.model';
import { TeamsLoader } from './teams.loader';
import { Authorize, ref } from '../auth/authorize.decorator';

@Resolver(() => Member)
export class MembersResolver {
  constructor(
    private readonly members: MembersService,
    private readonly loader: TeamsLoader,
  ) {}

  @Mutation(() => Member)
  @Authorize('ADMIN', (a: { input: AddMemberInput }) => [ref.team(a.input.teamId)])
  addMember(@Args('input') input: AddMemberInput): Promise<Member> {
    return this.members.add(input);
  }

  @Mutation(() => Member)
  @Authorize('ADMIN', (a: { id: string }) => [ref.member(a.id)])
  updateMember(@IdArg() id: string, @Args('input') input: UpdateMemberInput): Promise<Member> {
    return this.members.update(id, input);
  }

  @Mutation(() => Member, {
    description: 'The member leaves the team; history and past reports keep them.',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.member(a.id)])
  removeMember(@IdArg() id: string): Promise<Member> {
    return this.members.remove(id);
  }

  @ResolveField(() => Team)
  async team(@Parent() member: Member, @Context() ctx: GraphqlContext): Promise<Team> {
    return (await this.loader.team(ctx.loaders).load(member.teamId)) as Team;
  }
}
