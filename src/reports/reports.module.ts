import { Module } from '@nestjs/common';
import { DeploymentsModule } from '../deployments/deployments.module';
import { SlaModule } from '../sla/sla.module';
import { SprintsModule } from '../sprints/sprints.module';
import { TeamsModule } from '../teams/teams.module';
import { CapacityReportRepository } from './capacity-report.repository';
import { CapacityReportService } from './capacity-report.service';
import { DeliveryReportService } from './delivery-report.service';
import { DeliveryReportsController } from './delivery-reports.controller';
import { ReportsController } from './reports.controller';
import { FlowReportService } from './flow-report.service';
import { NoiseReportService } from './noise-report.service';
import { ReportsResolver } from './reports.resolver';
import { SlaReportService } from './sla-report.service';
import { TeamReportsRepository } from './team-reports.repository';
import { VelocityReportService } from './velocity-report.service';

@Module({
  imports: [TeamsModule, SprintsModule, SlaModule, DeploymentsModule],
  controllers: [ReportsController, DeliveryReportsController],
  providers: [
    CapacityReportRepository,
    TeamReportsRepository,
    CapacityReportService,
    VelocityReportService,
    FlowReportService,
    NoiseReportService,
    SlaReportService,
    DeliveryReportService,
    ReportsResolver,
  ],
  exports: [CapacityReportService],
})
export class ReportsModule {}
