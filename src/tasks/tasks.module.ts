import { Module } from '@nestjs/common';
import { BoardsModule } from '../boards/boards.module';
import { SlaModule } from '../sla/sla.module';
import { SprintsModule } from '../sprints/sprints.module';
import { TeamsModule } from '../teams/teams.module';
import { ColumnPlacementService } from './column-placement.service';
import { ColumnTasksResolver, SprintTasksResolver } from './column-tasks.resolver';
import { TaskCreationService } from './task-creation.service';
import { TaskEventsRepository } from './task-events.repository';
import { TaskMovesService } from './task-moves.service';
import { TaskReopenHooks } from './task-reopen-hooks';
import { TasksLoader } from './tasks.loader';
import { TasksRepository } from './tasks.repository';
import { TasksResolver } from './tasks.resolver';
import { TasksService } from './tasks.service';

@Module({
  imports: [TeamsModule, BoardsModule, SprintsModule, SlaModule],
  providers: [
    TasksRepository,
    TaskEventsRepository,
    ColumnPlacementService,
    TasksService,
    TaskCreationService,
    TaskMovesService,
    TaskReopenHooks,
    TasksLoader,
    TasksResolver,
    ColumnTasksResolver,
    SprintTasksResolver,
  ],
  exports: [
    TasksRepository,
    TaskEventsRepository,
    ColumnPlacementService,
    TasksService,
    TasksLoader,
    TaskReopenHooks,
  ],
})
export class TasksModule {}
