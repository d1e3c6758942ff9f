import { Injectable } from '@nestjs/common';
import { InputError } from '../common/errors/app-error';
import { DeliveryMetrics, weeksOf } from '../deployments/delivery-metrics';
import { DeploymentsRepository } from '../deployments/deployments.repository';
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
    private readonly deployments: DeploymentsRepository,
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
      this.deployments.deliveryHistory(teamId, env, svc, window.to),
      this.deployments.sprintChangeFailure(teamId, env, svc, window.from, window.to),
    ]);
    const inPeriod = history.filter((d) => d.finishedAt !== null && d.finishedAt >= window.from);
    const metrics = new DeliveryMetrics(
      history,
      await this.deployments.incidentsOf(inPeriod.map((d) => d.id)),
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
