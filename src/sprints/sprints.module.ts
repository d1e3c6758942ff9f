import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { TeamsModule } from '../teams/teams.module';
import { PlanningCapacityService } from './planning-capacity.service';
import { ReplanProposalsRepository } from './reserve/replan-proposals.repository';
import { ReserveOverflowService } from './reserve/reserve-overflow.service';
import { ReserveUsageRepository } from './reserve/reserve-usage.repository';
import { SprintReserveService } from './reserve/sprint-reserve.service';
import { SprintNotices } from './sprint-notices';
import { SprintCapacityService } from './sprint-capacity.service';
import { SprintsLoader } from './sprints.loader';
import { SprintsRepository } from './sprints.repository';
import { MemberCapacityResolver, SprintsResolver, TeamSprintsResolver } from './sprints.resolver';
import { SprintsService } from './sprints.service';

@Module({
  imports: [TeamsModule, NotificationsModule],
  providers: [
    SprintsRepository,
    SprintCapacityService,
    PlanningCapacityService,
    ReserveUsageRepository,
    ReplanProposalsRepository,
    ReserveOverflowService,
    SprintReserveService,
    SprintNotices,
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
    ReplanProposalsRepository,
    ReserveOverflowService,
    SprintsService,
    SprintsLoader,
    SprintNotices,
  ],
})
export class SprintsModule {}
