import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { formatLocalDate } from '../common/graphql/date.scalar';
import { alertSettingsOf } from '../alerts/alert-settings';
import type { Sprint } from '../generated/prisma/client';
import { roundPoints } from '../sprints/capacity';
import { reserveReached } from '../sprints/reserve/reserve-policy';
import { replanProposalView } from '../sprints/reserve/replan-proposal-view';
import { ReplanProposalsRepository } from '../sprints/reserve/replan-proposals.repository';
import { ReserveUsageRepository } from '../sprints/reserve/reserve-usage.repository';
import { SprintReserveService } from '../sprints/reserve/sprint-reserve.service';
import { SprintCapacityService } from '../sprints/sprint-capacity.service';
import { SprintNotFoundError } from '../sprints/sprints.errors';
import { SprintsRepository } from '../sprints/sprints.repository';
import { SlaRepository } from '../sla/sla.repository';
import { MembersRepository } from '../teams/members.repository';
import { TeamsRepository } from '../teams/teams.repository';
import { aggregateScope, CapacityReportRepository } from './capacity-report.repository';
import type { CapacityReportData, ReportFlag } from './capacity-report.types';
import { DeliveryReportService } from './delivery-report.service';

/**
 * The sprint capacity report: capacity, reserve and how unplanned production work used it,
 * planned versus done, per-member load, and the burndown. A closed sprint's report is the
 * snapshot taken when it closed (before unfinished work was carried over).
 */
@Injectable()
export class CapacityReportService {
  constructor(
    private readonly sprints: SprintsRepository,
    private readonly teams: TeamsRepository,
    private readonly members: MembersRepository,
    private readonly capacity: SprintCapacityService,
    private readonly reserves: SprintReserveService,
    private readonly usage: ReserveUsageRepository,
    private readonly figures: CapacityReportRepository,
    private readonly slaClocks: SlaRepository,
    private readonly proposals: ReplanProposalsRepository,
    private readonly delivery: DeliveryReportService,
  ) {}

  async forSprint(sprintId: string): Promise<CapacityReportData> {
    const sprint = await this.sprints.findById(sprintId);
    if (!sprint) throw new SprintNotFoundError(sprintId);
    if (sprint.state === 'CLOSED' && sprint.closingReport) {
      const report = sprint.closingReport as unknown as CapacityReportData;
      // Snapshots taken before proposals and toil were reported lack them.
      return {
        ...report,
        replanProposals: report.replanProposals ?? [],
        snapshot: true,
        state: 'CLOSED',
      };
    }
    return this.build(sprint, new Date());
  }

  /** Computes the report now; `tx` when called inside a transaction (closing a sprint). */
  async build(sprint: Sprint, now: Date, tx?: PrismaTx): Promise<CapacityReportData> {
    const team = (await this.teams.findByIds([sprint.teamId], tx))[0];
    const defaults = alertSettingsOf(
      team ?? { alertPriorities: null, alertEstimates: null },
    ).estimates;
    const started = sprint.startedAt;
    const [capacity, reserve] = await Promise.all([
      this.capacity.forSprint(sprint, tx),
      this.reserves.reserveFor(sprint, tx),
    ]);
    // One grouped query for the scope, split in memory by member, severity and source.
    const [groups, events, proposals, delivery] = await Promise.all([
      this.figures.scopeGroups(sprint.id, started, defaults, tx),
      this.usage.eventsOf([sprint.id], tx),
      this.proposals.ofSprints([sprint.id], tx),
      this.delivery.forSprint(sprint, reserve.points, tx),
    ]);
    const { scope, perMember, bySeverity, bySource } = aggregateScope(groups);
    const severities = started ? bySeverity : [];
    const sources = started ? bySource : [];
    const memberRows = await this.members.findByIds(
      capacity.members.map((m) => m.memberId),
      tx,
    );
    const integrationNames = await this.figures.integrationNames(
      sources.map((s) => s.key).filter((k): k is string => k !== null),
      tx,
    );

    // The team's calendar (working days less holidays): the ideal line burns only on these.
    const allDays = capacity.dates;
    const until = sprint.closedAt ?? now;
    const elapsed = started ? allDays.filter((d) => d.getTime() <= until.getTime()) : [];
    const rows = await this.figures.burndown(sprint.id, started, elapsed, defaults, tx);
    // Breaches that fell due while the sprint ran; cards at risk now (none once it closed).
    const [breaches, atRisk] = started
      ? await Promise.all([
          this.slaClocks.sprintBreaches(sprint.id, started, sprint.closedAt, tx),
          sprint.closedAt ? Promise.resolve([]) : this.slaClocks.sprintAtRisk(sprint.id, tx),
        ])
      : [0, []];
    const committed = roundPoints(sprint.committedPoints ?? scope.plannedPoints);
    const reserved = reserve.points;
    const used = started ? roundPoints(scope.unplannedProductionPoints) : 0;
    const plannable = roundPoints(Math.max(0, capacity.capacityPoints - reserved));
    const usedPercent = reserved > 0 ? roundPoints((used / reserved) * 100) : null;

    const cap = team?.productionShareCap ?? DEFAULT_PRODUCTION_SHARE_CAP;
    const completed = roundPoints(scope.completedPoints);
    const productionDone = started ? roundPoints(scope.productionCompletedPoints) : 0;
    const productionShare = shareOf(productionDone, completed);

    const flags: ReportFlag[] = [];
    if (committed > plannable) flags.push('OVERCOMMITTED');
    if (started && used > 0) {
      if (reserveReached(used, reserved, 100)) flags.push('RESERVE_EXHAUSTED');
      else if (reserveReached(used, reserved, 80)) flags.push('RESERVE_AT_RISK');
    }
    if (productionShare !== null && productionShare > cap) flags.push('PRODUCTION_SHARE_OVER_CAP');

    const byMember = new Map(perMember.map((m) => [m.memberId, m]));
    const names = new Map(memberRows.map((m) => [m.id, m.name]));
    const integrations = new Map(integrationNames.map((i) => [i.id, i]));
    return {
      sprintId: sprint.id,
      sprintName: sprint.name,
      teamId: sprint.teamId,
      state: sprint.state,
      generatedAt: now.toISOString(),
      snapshot: false,
      startDate: formatLocalDate(sprint.startDate),
      endDate: formatLocalDate(sprint.endDate),
      workingDays: capacity.workingDays,
      workingDates: allDays.map(formatLocalDate),
      focusFactor: sprint.focusFactor,
      capacityPoints: capacity.capacityPoints,
      members: capacity.members.map((m) => {
        const load = byMember.get(m.memberId);
        const memberDone = roundPoints(load?.completedPoints ?? 0);
        const memberProduction = started ? roundPoints(load?.productionCompletedPoints ?? 0) : 0;
        const share = shareOf(memberProduction, memberDone);
        return {
          memberId: m.memberId,
          name: names.get(m.memberId) ?? '',
          capacityPerDay: m.capacityPerDay,
          daysOff: m.daysOff,
          availableDays: m.availableDays,
          capacityPoints: roundPoints(m.points * sprint.focusFactor),
          assignedPoints: roundPoints(load?.assignedPoints ?? 0),
          completedPoints: memberDone,
          productionCompletedPoints: memberProduction,
          productionShare: share,
          overProductionShareCap: share !== null && share > cap,
        };
      }),
      reservedPoints: reserved,
      reserveBasis: reserve.basis,
      plannablePoints: plannable,
      committedPoints: committed,
      scopePoints: roundPoints(scope.scopePoints),
      addedScopeCount: started ? scope.addedScopeCount : 0,
      addedScopePoints: started ? roundPoints(scope.addedScopePoints) : 0,
      completedCount: scope.completedCount,
      completedPoints: completed,
      unplannedProduction: {
        count: started ? scope.unplannedProductionCount : 0,
        points: used,
        bySeverity: severities.map((s) => ({
          severity: s.key,
          count: s.count,
          points: roundPoints(s.points),
        })),
        bySource: sources.map((s) => {
          const integration = s.key ? integrations.get(s.key) : undefined;
          return {
            integrationId: s.key,
            integrationName: integration?.name ?? null,
            kind: integration?.kind ?? null,
            count: s.count,
            points: roundPoints(s.points),
          };
        }),
      },
      reserveUsedPoints: used,
      reserveRemainingPoints: roundPoints(Math.max(0, reserved - used)),
      reserveOverflowPoints: roundPoints(Math.max(0, used - reserved)),
      reserveUsedPercent: usedPercent,
      reserveEvents: events.map((e) => ({
        threshold: e.threshold,
        at: e.at.toISOString(),
        taskId: e.taskId,
        usedPoints: e.usedPoints,
        reservedPoints: e.reservedPoints,
      })),
      sla: {
        breaches,
        atRiskCards: atRisk.map((c) => c.key),
        atRiskReservePoints: roundPoints(atRisk.reduce((sum, c) => sum + (c.estimate ?? 0), 0)),
      },
      burndown: rows.map((row, i) => ({
        date: formatLocalDate(new Date(new Date(row.day).getTime())),
        remainingPoints: roundPoints(row.remaining),
        idealPoints: roundPoints(
          (committed * (allDays.length - (i + 1))) / Math.max(1, allDays.length),
        ),
        unplannedAddedPoints: roundPoints(row.added),
      })),
      productionShareCap: cap,
      productionCompletedPoints: productionDone,
      productionShare,
      reserveOverflowPolicy: team?.reserveOverflowPolicy ?? 'FLAG',
      replanProposals: proposals.map(replanProposalView),
      delivery,
      flags,
    };
  }
}

/** Toil budget after Google SRE's cap on operational work: half of the completed points. */
export const DEFAULT_PRODUCTION_SHARE_CAP = 0.5;

/** part ÷ whole rounded to hundredths, null for nothing completed. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? roundPoints(part / whole) : null;
}
