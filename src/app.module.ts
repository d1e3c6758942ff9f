import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AlertsModule } from './alerts/alerts.module';
import { AuthModule } from './auth/auth.module';
import { BoardsModule } from './boards/boards.module';
import { DatabaseModule } from './common/database/database.module';
import { DeploymentsModule } from './deployments/deployments.module';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { InputValidationPipe } from './common/errors/input-validation.pipe';
import { GraphqlModule } from './common/graphql/graphql.module';
import { AppLogger } from './common/logging/app-logger';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OutboxModule } from './outbox/outbox.module';
import { SprintsModule } from './sprints/sprints.module';
import { TasksModule } from './tasks/tasks.module';
import { PlanningModule } from './planning/planning.module';
import { ReportsModule } from './reports/reports.module';
import { SlaModule } from './sla/sla.module';
import { TeamsModule } from './teams/teams.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: AppLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        DatabaseModule,
        AuthModule,
        GraphqlModule,
        HealthModule,
        MetricsModule,
        TeamsModule,
        BoardsModule,
        SprintsModule,
        TasksModule,
        PlanningModule,
        AlertsModule,
        DeploymentsModule,
        ReportsModule,
        SlaModule,
        OutboxModule,
        NotificationsModule,
        LiveModule,
        WebModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_PIPE, useClass: InputValidationPipe },
      ],
    };
  }
}
