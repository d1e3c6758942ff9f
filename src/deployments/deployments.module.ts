import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { TasksModule } from '../tasks/tasks.module';
import { CommitInferenceService } from './commit-inference.service';
import { DeploymentIntakeService } from './deployment-intake.service';
import { DeploymentTaskLinks } from './deployment-task-links.service';
import { DeploymentsLoader } from './deployments.loader';
import { DeliveryHistoryRepository } from './delivery-history.repository';
import { DeploymentsRepository } from './deployments.repository';
import { IncidentCausesRepository } from './incident-causes.repository';
import { IncidentCausesService } from './incident-causes.service';
import { PushIntakeService } from './push-intake.service';
import { PushesRepository } from './pushes.repository';
import {
  DeploymentsResolver,
  IncidentCauseResolver,
  TaskDeploymentsResolver,
} from './deployments.resolver';
import { DeploymentsService } from './deployments.service';
import { SuspectsService } from './suspects.service';
import { TimelineService } from './timeline.service';

@Module({
  imports: [TasksModule, NotificationsModule],
  providers: [
    DeploymentsRepository,
    IncidentCausesRepository,
    DeliveryHistoryRepository,
    DeploymentIntakeService,
    PushesRepository,
    DeploymentTaskLinks,
    CommitInferenceService,
    PushIntakeService,
    DeploymentsService,
    TimelineService,
    SuspectsService,
    DeploymentsLoader,
    DeploymentsResolver,
    TaskDeploymentsResolver,
    IncidentCauseResolver,
    IncidentCausesService,
  ],
  exports: [
    DeploymentIntakeService,
    PushIntakeService,
    PushesRepository,
    DeliveryHistoryRepository,
    SuspectsService,
  ],
})
export class DeploymentsModule {}
