import { Module } from '@nestjs/common';
import { SprintsModule } from '../sprints/sprints.module';
import { TasksModule } from '../tasks/tasks.module';
import { ReportsModule } from '../reports/reports.module';
import { TeamsModule } from '../teams/teams.module';
import { PlanningResolver } from './planning.resolver';
import { ReplanDecisionsService } from './replan-decisions.service';
import { SprintPlanningService } from './sprint-planning.service';

@Module({
  imports: [TeamsModule, SprintsModule, TasksModule, ReportsModule],
  providers: [SprintPlanningService, ReplanDecisionsService, PlanningResolver],
})
export class PlanningModule {}
