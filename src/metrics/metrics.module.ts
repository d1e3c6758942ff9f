import { Global, Module } from '@nestjs/common';
import { SprintsModule } from '../sprints/sprints.module';
import { GraphqlMetricsPlugin } from './graphql-metrics.plugin';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { ReserveFiguresRepository } from './reserve-figures.repository';

@Global()
@Module({
  imports: [SprintsModule],
  controllers: [MetricsController],
  providers: [
    MetricsService,
    ReserveFiguresRepository,
    HttpMetricsMiddleware,
    GraphqlMetricsPlugin,
  ],
  exports: [MetricsService, HttpMetricsMiddleware],
})
export class MetricsModule {}
