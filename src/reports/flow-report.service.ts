import { Injectable } from '@nestjs/common';
import { formatLocalDate } from '../common/graphql/date.scalar';
import { roundPoints } from '../sprints/capacity';
import { TeamsService } from '../teams/teams.service';
import type { FlowReport, Percentiles } from './models/flow-report.model';
import { reportWindow } from './report-window';
import { PercentileRow, TeamReportsRepository } from './team-reports.repository';

const hours = (value: number | null): number | null => (value === null ? null : roundPoints(value));

function percentiles(row: PercentileRow): Percentiles {
  return { count: row.count, p50Hours: hours(row.p50), p85Hours: hours(row.p85) };
}

/** Flow metrics of a team over a period, aggregated in SQL. */
@Injectable()
export class FlowReportService {
  constructor(
    private readonly teams: TeamsService,
    private readonly figures: TeamReportsRepository,
  ) {}

  async flow(teamId: string, from?: string | null, to?: string | null): Promise<FlowReport> {
    await this.teams.get({ id: teamId });
    const window = reportWindow(from, to);
    const w = { teamId, from: window.from, to: window.to };
    const [throughput, cycle, lead, alerts, flow, wip] = await Promise.all([
      this.figures.throughput(w),
      this.figures.durations(w, 'started_at'),
      this.figures.durations(w, 'created_at'),
      this.figures.alertResponse(w),
      this.figures.cumulativeFlow(teamId, window.days),
      this.figures.wip(teamId),
    ]);
    const byDay = new Map<string, { category: string; cards: number }[]>();
    for (const day of window.days) byDay.set(formatLocalDate(day), []);
    for (const row of flow)
      byDay
        .get(formatLocalDate(new Date(row.day)))
        ?.push({ category: row.category, cards: row.cards });
    return {
      teamId,
      from: window.fromDate,
      to: window.toDate,
      throughput: throughput.map((t) => ({
        weekStart: formatLocalDate(new Date(t.week)),
        completed: t.completed,
        completedPoints: roundPoints(t.points),
      })),
      cycleTime: percentiles(cycle),
      leadTime: percentiles(lead),
      alertCards: alerts.map((a) => ({
        severity: a.severity,
        timeToStart: { count: a.started, p50Hours: hours(a.start50), p85Hours: hours(a.start85) },
        timeToDone: { count: a.done, p50Hours: hours(a.done50), p85Hours: hours(a.done85) },
      })),
      cumulativeFlow: [...byDay.entries()].map(([date, categories]) => ({ date, categories })),
      wip: wip.map((c) => ({ ...c, overLimit: c.wipLimit !== null && c.cards > c.wipLimit })),
    };
  }
}
