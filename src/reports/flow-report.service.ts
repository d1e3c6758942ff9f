import { Injectable } from '@nestjs/common';
import { InputError } from '../common/errors/app-error';
import { formatLocalDate, parseLocalDate } from '../common/graphql/date.scalar';
import { roundPoints } from '../sprints/capacity';
import { TeamsService } from '../teams/teams.service';
import type { AlertNoiseReport, FlowReport, Percentiles } from './models/flow-report.model';
import { PercentileRow, TeamReportsRepository } from './team-reports.repository';

const DAY_MS = 24 * 3600 * 1000;
export const MAX_REPORT_DAYS = 366;

const hours = (value: number | null): number | null => (value === null ? null : roundPoints(value));

function percentiles(row: PercentileRow): Percentiles {
  return { count: row.count, p50Hours: hours(row.p50), p85Hours: hours(row.p85) };
}

/** A [from, to] window of calendar days (UTC), to inclusive. */
export function reportWindow(from: string, to: string): { from: Date; to: Date; days: Date[] } {
  const start = parseLocalDate(from);
  const end = parseLocalDate(to);
  if (!start) throw InputError.field('from', 'must be a date as YYYY-MM-DD');
  if (!end) throw InputError.field('to', 'must be a date as YYYY-MM-DD');
  if (end < start) throw InputError.field('to', 'must not be before from');
  const count = (end.getTime() - start.getTime()) / DAY_MS + 1;
  if (count > MAX_REPORT_DAYS)
    throw InputError.field('to', `a report covers at most ${MAX_REPORT_DAYS} days`);
  const days = Array.from({ length: count }, (_, i) => new Date(start.getTime() + i * DAY_MS));
  return { from: start, to: new Date(end.getTime() + DAY_MS), days };
}

/** Flow metrics and alert noise of a team over a period, aggregated in SQL. */
@Injectable()
export class FlowReportService {
  constructor(
    private readonly teams: TeamsService,
    private readonly figures: TeamReportsRepository,
  ) {}

  async flow(teamId: string, from: string, to: string): Promise<FlowReport> {
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
      from,
      to,
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

  async noise(teamId: string, from: string, to: string, limit = 50): Promise<AlertNoiseReport> {
    await this.teams.get({ id: teamId });
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw InputError.field('limit', 'must be an integer from 1 to 500');
    const window = reportWindow(from, to);
    const rows = await this.figures.noise({ teamId, from: window.from, to: window.to }, limit);
    return {
      teamId,
      from,
      to,
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
      })),
    };
  }
}
