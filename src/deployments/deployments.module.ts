import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { DeploymentIntakeService } from './deployment-intake.service';
import { DeploymentsLoader } from './deployments.loader';
import { DeploymentsRepository } from './deployments.repository';
import { DeploymentsResolver, TaskDeploymentsResolver } from './deployments.resolver';
import { DeploymentsService } from './deployments.service';
import { TimelineService } from './timeline.service';

@Module({
  imports: [TasksModule],
  providers: [
    DeploymentsRepository,
    DeploymentIntakeService,
    DeploymentsService,
    TimelineService,
    DeploymentsLoader,
    DeploymentsResolver,
    TaskDeploymentsResolver,
  ],
  exports: [DeploymentIntakeService, DeploymentsRepository, TimelineService],
})
export class DeploymentsModule {}
