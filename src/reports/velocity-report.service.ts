import { Injectable } from '@nestjs/common';
import { InputError } from '../common/errors/app-error';
import { formatLocalDate } from '../common/graphql/date.scalar';
import type { Sprint } from '../generated/prisma/client';
import { roundPoints } from '../sprints/capacity';
import { computeReserve } from '../sprints/reserve/reserve-policy';
import { reservePolicyOf, SprintReserveService } from '../sprints/reserve/sprint-reserve.service';
import { SprintCapacityService } from '../sprints/sprint-capacity.service';
import { SprintsRepository } from '../sprints/sprints.repository';
import { TeamsService } from '../teams/teams.service';
import { DEFAULT_PRODUCTION_SHARE_CAP, shareOf } from './capacity-report.service';
import type { CapacityReportData } from './capacity-report.types';
import type {
  ToilBudget,
  ToilMember,
  VelocityReport,
  VelocitySprint,
} from './models/velocity-report.model';
import { toilTrend } from './toil';

const average = (values: number[]): number =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;

/** The last closed sprints side by side (from their closing snapshots), averages, and a forecast. */
@Injectable()
export class VelocityReportService {
  constructor(
    private readonly teams: TeamsService,
    private readonly sprints: SprintsRepository,
    private readonly capacity: SprintCapacityService,
    private readonly reserves: SprintReserveService,
  ) {}

  async forTeam(teamId: string, lastSprints: number): Promise<VelocityReport> {
    if (!Number.isInteger(lastSprints) || lastSprints < 1 || lastSprints > 26) {
      throw InputError.field('lastSprints', 'must be an integer from 1 to 26');
    }
    const team = await this.teams.get({ id: teamId });
    // Newest first: the window shown is the last `lastSprints`; a forecast reserve sees them all.
    const allClosed = await this.sprints.findClosedOfTeams([teamId]);
    const closed = allClosed.slice(0, lastSprints).reverse();
    const cap = team.productionShareCap ?? DEFAULT_PRODUCTION_SHARE_CAP;
    const rows: VelocitySprint[] = closed.map((sprint) => this.row(sprint, cap));
    const completionRates = rows
      .filter((r) => r.committedPoints > 0)
      .map((r) => r.completedPoints / r.committedPoints);
    const completionRate = completionRates.length ? average(completionRates) : null;
    const shares = rows.map((r) => r.reserveUsedShare).filter((s): s is number => s !== null);
    const averages = {
      committedPoints: roundPoints(average(rows.map((r) => r.committedPoints))),
      completedPoints: roundPoints(average(rows.map((r) => r.completedPoints))),
      unplannedProductionPoints: roundPoints(average(rows.map((r) => r.unplannedProductionPoints))),
      reservedPoints: roundPoints(average(rows.map((r) => r.reservedPoints))),
      reserveUsedShare: shares.length ? roundPoints(average(shares)) : null,
      completionRate: completionRate === null ? null : roundPoints(completionRate),
    };

    // Forecast: the next PLANNED sprint when there is one; else an average sprint of the past.
    const next = (await this.sprints.findByTeams([teamId], 'PLANNED')).sort(
      (a, b) => a.startDate.getTime() - b.startDate.getTime(),
    )[0];
    let forecast;
    if (next) {
      const [capacity, reserve] = await Promise.all([
        this.capacity.forSprint(next),
        this.reserves.reserveFor(next),
      ]);
      forecast = {
        sprintId: next.id,
        capacityPoints: capacity.capacityPoints,
        reservedPoints: reserve.points,
        reserveBasis: reserve.basis,
      };
    } else {
      const capacityPoints = roundPoints(average(rows.map((r) => r.capacityPoints)));
      const workingDays = Math.round(
        average(
          closed.map((s) => (s.closingReport as CapacityReportData | null)?.workingDays ?? 0),
        ),
      );
      const history = allClosed.map((s) => ({
        sprintId: s.id,
        name: s.name,
        unplannedProductionPoints:
          (s.closingReport as CapacityReportData | null)?.unplannedProduction.points ?? 0,
        workingDays: (s.closingReport as CapacityReportData | null)?.workingDays ?? 0,
      }));
      const reserve = computeReserve(
        reservePolicyOf(team),
        { capacityPoints, workingDays },
        history,
      );
      forecast = {
        sprintId: null,
        capacityPoints,
        reservedPoints: reserve.points,
        reserveBasis: reserve.basis,
      };
    }
    const plannable = roundPoints(Math.max(0, forecast.capacityPoints - forecast.reservedPoints));
    return {
      teamId,
      sprints: rows,
      averages,
      forecast: {
        ...forecast,
        plannablePoints: plannable,
        expectedCompletedPoints: roundPoints(plannable * (completionRate ?? 1)),
      },
      toil: toilOf(closed, rows, cap),
    };
  }

  private row(sprint: Sprint, cap: number): VelocitySprint {
    const report = sprint.closingReport as CapacityReportData | null;
    const reserved = report?.reservedPoints ?? sprint.reservedPoints;
    const used = report?.unplannedProduction.points ?? 0;
    const production = report?.productionCompletedPoints ?? null;
    const share = production === null ? null : shareOf(production, report?.completedPoints ?? 0);
    return {
      sprintId: sprint.id,
      name: sprint.name,
      startDate: formatLocalDate(sprint.startDate),
      endDate: formatLocalDate(sprint.endDate),
      capacityPoints: report?.capacityPoints ?? 0,
      committedPoints: report?.committedPoints ?? sprint.committedPoints ?? 0,
      completedPoints: report?.completedPoints ?? 0,
      unplannedProductionPoints: used,
      reservedPoints: reserved,
      reserveUsedShare: reserved > 0 ? roundPoints(used / reserved) : null,
      carriedOverPoints: sprint.carriedOverPoints,
      productionCompletedPoints: production,
      productionShare: share,
      overProductionShareCap: share !== null && share > cap,
      failedChanges: report?.delivery?.failedChanges ?? null,
      changeFailurePoints: report?.delivery?.confirmedPoints ?? null,
    };
  }
}

/**
 * The toil budget over the sprints shown, from their closing snapshots (sprints closed before
 * toil was reported count for nothing); flags use the team's cap as it is now.
 */
function toilOf(closed: Sprint[], rows: VelocitySprint[], cap: number): ToilBudget {
  const counted = rows.filter((r) => r.productionCompletedPoints !== null);
  const done = counted.reduce((sum, r) => sum + r.completedPoints, 0);
  const production = counted.reduce((sum, r) => sum + (r.productionCompletedPoints ?? 0), 0);
  const members = new Map<string, ToilMember>();
  for (const sprint of closed) {
    const report = sprint.closingReport as CapacityReportData | null;
    for (const m of report?.members ?? []) {
      if (m.productionCompletedPoints === undefined) continue;
      const entry = members.get(m.memberId) ?? {
        memberId: m.memberId,
        name: m.name,
        completedPoints: 0,
        productionCompletedPoints: 0,
        productionShare: null,
        overProductionShareCap: false,
      };
      entry.completedPoints += m.completedPoints;
      entry.productionCompletedPoints += m.productionCompletedPoints;
      members.set(m.memberId, entry);
    }
  }
  const trend = toilTrend(rows.map((r) => r.productionShare));
  return {
    productionShareCap: cap,
    productionShare: shareOf(roundPoints(production), roundPoints(done)),
    sprintsOverCap: rows.filter((r) => r.overProductionShareCap).length,
    trend: trend?.direction ?? null,
    trendSlopePerSprint: trend?.slopePerSprint ?? null,
    members: [...members.values()]
      .map((m) => {
        const share = shareOf(
          roundPoints(m.productionCompletedPoints),
          roundPoints(m.completedPoints),
        );
        return {
          ...m,
          completedPoints: roundPoints(m.completedPoints),
          productionCompletedPoints: roundPoints(m.productionCompletedPoints),
          productionShare: share,
          overProductionShareCap: share !== null && share > cap,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
