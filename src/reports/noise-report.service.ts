import { Injectable } from '@nestjs/common';
import { alertSettingsOf } from '../alerts/alert-settings';
import { InputError } from '../common/errors/app-error';
import { roundPoints } from '../sprints/capacity';
import { TeamsService } from '../teams/teams.service';
import type { AlertNoiseReport } from './models/noise-report.model';
import { reportWindow } from './report-window';
import { TeamReportsRepository } from './team-reports.repository';

/**
 * The alerts of a team that took the most attention over a period, ranked by the reserve points
 * their cards consumed (then firings): what to tune first, in the team's planning currency.
 */
@Injectable()
export class NoiseReportService {
  constructor(
    private readonly teams: TeamsService,
    private readonly figures: TeamReportsRepository,
  ) {}

  async forTeam(
    teamId: string,
    from?: string | null,
    to?: string | null,
    limit = 50,
  ): Promise<AlertNoiseReport> {
    const team = await this.teams.get({ id: teamId });
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw InputError.field('limit', 'must be an integer from 1 to 500');
    const window = reportWindow(from, to);
    const rows = await this.figures.noise(
      { teamId, from: window.from, to: window.to },
      limit,
      alertSettingsOf(team).estimates,
    );
    return {
      teamId,
      from: window.fromDate,
      to: window.toDate,
      alerts: rows.map((r) => ({
        alertId: r.alertId,
        name: r.name,
        title: r.title,
        severity: r.severity,
        status: r.status,
        integration: r.integration,
        firings: r.firings,
        cardsCreated: r.cards,
        wontFixShare: r.cards > 0 ? roundPoints(r.wontFix / r.cards) : null,
        medianFiringMinutes: r.medianMinutes === null ? null : roundPoints(r.medianMinutes),
        flaps: r.flaps,
        occurrences: r.occurrences,
        reservePoints: roundPoints(r.reservePoints),
      })),
    };
  }
}
