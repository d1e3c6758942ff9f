import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { DateScalar } from '../common/graphql/date.scalar';
import { IdArg } from '../common/graphql/id.pipe';
import { CapacityReportService } from './capacity-report.service';
import { FlowReportService } from './flow-report.service';
import { NoiseReportService } from './noise-report.service';
import { SprintCapacityReport } from './models/capacity-report.model';
import { FlowReport } from './models/flow-report.model';
import { AlertNoiseReport } from './models/noise-report.model';
import { VelocityReport } from './models/velocity-report.model';
import { VelocityReportService } from './velocity-report.service';
import { SlaReport } from '../sla/models/task-sla.model';
import { SlaReportService } from './sla-report.service';
import { DeliveryReportService } from './delivery-report.service';
import { DeliveryReport } from './models/delivery-report.model';
import { Authorize, ref } from '../auth/authorize.decorator';

const PERIOD_FROM = 'First day (inclusive). Default: 29 days before `to` (the last 30 days).';
const PERIOD_TO = 'Last day (inclusive). Default: today (UTC).';

@Resolver()
export class ReportsResolver {
  constructor(
    private readonly capacity: CapacityReportService,
    private readonly velocity: VelocityReportService,
    private readonly flowReports: FlowReportService,
    private readonly noiseReports: NoiseReportService,
    private readonly slaReports: SlaReportService,
    private readonly deliveryReports: DeliveryReportService,
  ) {}

  @Query(() => SlaReport, {
    description:
      'Per priority, alert cards whose SLA clock started from `from` to `to` (inclusive days, UTC): met %, time to acknowledge and resolve, breaches.',
  })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  slaReport(
    @IdArg('teamId') teamId: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ): Promise<SlaReport> {
    return this.slaReports.forTeam(teamId, from, to);
  }

  @Query(() => DeliveryReport, {
    description:
      "DORA's four keys (deployment frequency, lead time for changes, change failure rate, failed-deployment recovery time) for the team's deployments to `environment` (default production), of `service` or every service, from `from` to `to` (inclusive days, UTC), by week, with their bands; and per sprint the reserve points taken by work linked to deployments.",
  })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  deliveryReport(
    @IdArg('teamId') teamId: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
    @Args('service', { type: () => String, nullable: true }) service?: string | null,
    @Args('environment', { type: () => String, nullable: true }) environment?: string | null,
  ): Promise<DeliveryReport> {
    return this.deliveryReports.forTeam(teamId, from, to, service, environment);
  }

  @Query(() => SprintCapacityReport, {
    description:
      'Capacity, reserve and its use by unplanned production work, planned vs done, member load, burndown.',
  })
  @Authorize('VIEWER', (a: { sprintId: string }) => [ref.sprint(a.sprintId)])
  sprintCapacityReport(@IdArg('sprintId') sprintId: string): Promise<SprintCapacityReport> {
    return this.capacity.forSprint(sprintId);
  }

  @Query(() => VelocityReport, {
    description: 'The last closed sprints side by side, averages, and a forecast.',
  })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  velocityReport(
    @IdArg('teamId') teamId: string,
    @Args('lastSprints', { type: () => Int, defaultValue: 6 }) lastSprints: number,
  ): Promise<VelocityReport> {
    return this.velocity.forTeam(teamId, lastSprints);
  }

  @Query(() => FlowReport, {
    description:
      'Throughput, cycle/lead times, alert response, cumulative flow and WIP over a period (default: the last 30 days, today included).',
  })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  flowReport(
    @IdArg('teamId') teamId: string,
    @Args('from', { type: () => DateScalar, nullable: true, description: PERIOD_FROM })
    from?: string | null,
    @Args('to', { type: () => DateScalar, nullable: true, description: PERIOD_TO })
    to?: string | null,
  ): Promise<FlowReport> {
    return this.flowReports.flow(teamId, from, to);
  }

  @Query(() => AlertNoiseReport, {
    description:
      'Alerts ranked by the reserve points their cards consumed, over a period (default: the last 30 days, today included): what to tune first.',
  })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  alertNoiseReport(
    @IdArg('teamId') teamId: string,
    @Args('from', { type: () => DateScalar, nullable: true, description: PERIOD_FROM })
    from: string | null | undefined,
    @Args('to', { type: () => DateScalar, nullable: true, description: PERIOD_TO })
    to: string | null | undefined,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
  ): Promise<AlertNoiseReport> {
    return this.noiseReports.forTeam(teamId, from, to, limit);
  }
}
