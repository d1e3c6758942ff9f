import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { InputError } from '../common/errors/app-error';
import { DeliveryMetrics, weeksOf } from '../deployments/delivery-metrics';
import { DeliveryHistoryRepository } from '../deployments/delivery-history.repository';
import { DORA_BAND_SOURCE, DORA_BANDS } from '../deployments/dora';
import { roundPoints } from '../sprints/capacity';
import { TeamsService } from '../teams/teams.service';
import type { DeliveryReport, DoraBandBound } from './models/delivery-report.model';
import { reportWindow } from './report-window';

export const DEFAULT_DELIVERY_ENVIRONMENT = 'production';
const DAY_MS = 24 * 3600 * 1000;

/** DORA's four keys over a team's deployments, by week, and change failure in reserve points. */
@Injectable()
export class DeliveryReportService {
  constructor(
    private readonly teams: TeamsService,
    private readonly history: DeliveryHistoryRepository,
  ) {}

  async forTeam(
    teamId: string,
    from: string | null,
    to: string | null,
    service: string | null | undefined,
    environment: string | null | undefined,
  ): Promise<DeliveryReport> {
    await this.teams.get({ id: teamId });
    const window = reportWindow(from, to);
    const env = environment?.trim() || DEFAULT_DELIVERY_ENVIRONMENT;
    const svc = service?.trim() || null;
    if (env.length > 200) throw InputError.field('environment', 'must be at most 200 characters');
    if (svc && svc.length > 200)
      throw InputError.field('service', 'must be at most 200 characters');
    const [history, sprints] = await Promise.all([
      this.history.deliveryHistory(teamId, env, svc, window.to),
      this.history.sprintChangeFailure(teamId, env, svc, window.from, window.to),
    ]);
    const inPeriod = history.filter((d) => d.finishedAt !== null && d.finishedAt >= window.from);
    const metrics = new DeliveryMetrics(
      history,
      await this.history.incidentsOf(inPeriod.map((d) => d.id)),
    );
    const day = (date: Date): string => date.toISOString().slice(0, 10);
    return {
      teamId,
      from: window.fromDate,
      to: window.toDate,
      service: svc,
      environment: env,
      summary: metrics.figures(window.from, window.to),
      weeks: weeksOf(window.from, window.to).map((week) => ({
        weekStart: week.weekStart,
        from: day(week.from),
        to: day(new Date(week.to.getTime() - DAY_MS)),
        figures: metrics.figures(week.from, week.to),
      })),
      sprints: sprints.map((s) => ({
        ...s,
        confirmedReserveShare:
          s.reservedPoints > 0 ? roundPoints(s.confirmedPoints / s.reservedPoints) : null,
      })),
      bands: bandTable(),
      bandSource: DORA_BAND_SOURCE,
    };
  }

  /**
   * The sprint's production deployments (finished from its first to its last day), the failed
   * changes among them, and the reserve points its work linked to deployments took.
   */
  async forSprint(
    sprint: { id: string; teamId: string; startDate: Date; endDate: Date },
    reservedPoints: number,
    tx?: PrismaTx,
  ): Promise<SprintDeliveryData> {
    const env = DEFAULT_DELIVERY_ENVIRONMENT;
    const from = sprint.startDate;
    const to = new Date(sprint.endDate.getTime() + DAY_MS);
    const [history, rows] = await Promise.all([
      this.history.deliveryHistory(sprint.teamId, env, null, to, tx),
      this.history.sprintChangeFailure(sprint.teamId, env, null, from, to, tx),
    ]);
    const inPeriod = history.filter((d) => d.finishedAt !== null && d.finishedAt >= from);
    const incidents = await this.history.incidentsOf(
      inPeriod.map((d) => d.id),
      tx,
    );
    const figures = new DeliveryMetrics(history, incidents).figures(from, to);
    const points = rows.find((r) => r.sprintId === sprint.id);
    const confirmed = points?.confirmedPoints ?? 0;
    return {
      environment: env,
      deployments: figures.deployments,
      successfulDeployments: figures.successfulDeployments,
      failedChanges: figures.failedChanges,
      suspectedFailedChanges: figures.suspectedFailedChanges,
      changeFailurePercent: figures.changeFailurePercent,
      confirmedPoints: confirmed,
      suspectedPoints: points?.suspectedPoints ?? 0,
      confirmedReserveShare: reservedPoints > 0 ? roundPoints(confirmed / reservedPoints) : null,
    };
  }
}

/** What a sprint's capacity report tells of the deployments to production during it. */
export interface SprintDeliveryData {
  environment: string;
  deployments: number;
  successfulDeployments: number;
  failedChanges: number;
  suspectedFailedChanges: number;
  changeFailurePercent: number | null;
  /** Points of the sprint's unplanned production work linked to deployments (confirmed causes). */
  confirmedPoints: number;
  suspectedPoints: number;
  /** confirmedPoints ÷ the sprint's reserve; null without a reserve. */
  confirmedReserveShare: number | null;
}

function bandTable(): DoraBandBound[] {
  return Object.entries(DORA_BANDS).flatMap(([key, bounds]) => [
    ...(['elite', 'high', 'medium'] as const).map((band) => ({
      key,
      unit: bounds.unit,
      band: band.toUpperCase() as DoraBandBound['band'],
      bound: bounds[band].value,
      inclusive: bounds[band].inclusive,
      higherIsBetter: bounds.higherIsBetter,
    })),
    {
      key,
      unit: bounds.unit,
      band: 'LOW' as const,
      bound: null,
      inclusive: false,
      higherIsBetter: bounds.higherIsBetter,
    },
  ]);
}
