import { Module } from '@nestjs/common';
import { TeamsModule } from '../teams/teams.module';
import { PlanningCapacityService } from './planning-capacity.service';
import { ReserveUsageRepository } from './reserve/reserve-usage.repository';
import { SprintReserveService } from './reserve/sprint-reserve.service';
import { SprintCapacityService } from './sprint-capacity.service';
import { SprintsLoader } from './sprints.loader';
import { SprintsRepository } from './sprints.repository';
import { MemberCapacityResolver, SprintsResolver, TeamSprintsResolver } from './sprints.resolver';
import { SprintsService } from './sprints.service';

@Module({
  imports: [TeamsModule],
  providers: [
    SprintsRepository,
    SprintCapacityService,
    PlanningCapacityService,
    ReserveUsageRepository,
    SprintReserveService,
    SprintsService,
    SprintsLoader,
    SprintsResolver,
    MemberCapacityResolver,
    TeamSprintsResolver,
  ],
  exports: [
    SprintsRepository,
    SprintCapacityService,
    PlanningCapacityService,
    SprintReserveService,
    ReserveUsageRepository,
    SprintsService,
    SprintsLoader,
  ],
})
export class SprintsModule {}
