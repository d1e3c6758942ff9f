import { Module } from '@nestjs/common';
import { MembersRepository } from './members.repository';
import { MembersResolver } from './members.resolver';
import { MembersService } from './members.service';
import { TeamCalendarResolver } from './team-calendar.resolver';
import { TeamCalendarService } from './team-calendar.service';
import { TeamHolidaysRepository } from './team-holidays.repository';
import { TeamsLoader } from './teams.loader';
import { TeamsRepository } from './teams.repository';
import { TeamsResolver } from './teams.resolver';
import { TeamsService } from './teams.service';

@Module({
  providers: [
    TeamsRepository,
    MembersRepository,
    TeamHolidaysRepository,
    TeamsService,
    TeamCalendarService,
    MembersService,
    TeamsLoader,
    TeamsResolver,
    MembersResolver,
    TeamCalendarResolver,
  ],
  exports: [
    TeamsRepository,
    MembersRepository,
    TeamHolidaysRepository,
    TeamsService,
    MembersService,
    TeamsLoader,
  ],
})
export class TeamsModule {}
