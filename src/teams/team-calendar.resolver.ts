import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Authorize, ref } from '../auth/authorize.decorator';
import { DateScalar } from '../common/graphql/date.scalar';
import type { GraphqlContext } from '../common/graphql/graphql-context';
import { IdArg } from '../common/graphql/id.pipe';
import { TeamHoliday } from './models/team-holiday.model';
import { Team } from './models/team.model';
import { TeamCalendarService } from './team-calendar.service';
import { TeamsLoader } from './teams.loader';

@Resolver(() => Team)
export class TeamCalendarResolver {
  constructor(
    private readonly calendar: TeamCalendarService,
    private readonly loader: TeamsLoader,
  ) {}

  @ResolveField(() => [TeamHoliday], {
    description:
      'Non-working dates besides the weekly workingDays, by date: sprints count no capacity on them.',
  })
  holidays(@Parent() team: Team, @Context() ctx: GraphqlContext): Promise<TeamHoliday[]> {
    return this.loader.holidays(ctx.loaders).load(team.id);
  }

  @Mutation(() => Team, {
    description:
      "Adds non-working dates to the team's calendar. A date that is already a holiday keeps one entry and takes the new name. The capacity of the team's sprints follows at once (an ACTIVE sprint's reserve and commitment stay frozen).",
  })
  @Authorize('ADMIN', (a: { teamId: string }) => [ref.team(a.teamId)])
  addTeamHolidays(
    @IdArg('teamId') teamId: string,
    @Args('dates', { type: () => [DateScalar] }) dates: string[],
    @Args('name', { description: 'E.g. "New Year\'s Day"; 1 to 200 characters.' }) name: string,
  ): Promise<Team> {
    return this.calendar.add(teamId, dates, name);
  }

  @Mutation(() => Team, {
    description: "Removes dates from the team's holidays; a date that is not one is ignored.",
  })
  @Authorize('ADMIN', (a: { teamId: string }) => [ref.team(a.teamId)])
  removeTeamHolidays(
    @IdArg('teamId') teamId: string,
    @Args('dates', { type: () => [DateScalar] }) dates: string[],
  ): Promise<Team> {
    return this.calendar.remove(teamId, dates);
  }
}
