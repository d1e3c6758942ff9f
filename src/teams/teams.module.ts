import { Module } from '@nestjs/common';
import { MembersRepository } from './members.repository';
import { MembersResolver } from './members.resolver';
import { MembersService } from './members.service';
import { TeamsLoader } from './teams.loader';
import { TeamsRepository } from './teams.repository';
import { TeamsResolver } from './teams.resolver';
import { TeamsService } from './teams.service';

@Module({
  providers: [
    TeamsRepository,
    MembersRepository,
    TeamsService,
    MembersService,
    TeamsLoader,
    TeamsResolver,
    MembersResolver,
  ],
  exports: [TeamsRepository, MembersRepository, TeamsService, MembersService, TeamsLoader],
})
export class TeamsModule {}
