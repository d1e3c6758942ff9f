import { Injectable } from '@nestjs/common';
import { roundPoints } from '../sprints/capacity';
import type { SlaDurations, SlaReport } from '../sla/models/task-sla.model';
import { SLA_PRIORITIES } from '../sla/sla-policy';
import { SlaRepository, SlaReportRow } from '../sla/sla.repository';
import { TeamsService } from '../teams/teams.service';
import { reportWindow } from './report-window';

const minutes = (value: number | null): number | null =>
  value === null ? null : roundPoints(value);

function durations(count: number, p50: number | null, p85: number | null): SlaDurations {
  return { count, p50Minutes: minutes(p50), p85Minutes: minutes(p85) };
}

/** SLA results of a team's alert cards whose clock started in a period, per priority. */
@Injectable()
export class SlaReportService {
  constructor(
    private readonly teams: TeamsService,
    private readonly sla: SlaRepository,
  ) {}

  async forTeam(teamId: string, from: string, to: string): Promise<SlaReport> {
    await this.teams.get({ id: teamId });
    const window = reportWindow(from, to);
    const rows = new Map(
      (await this.sla.report(teamId, window.from, window.to)).map((r) => [r.priority, r]),
    );
    return {
      teamId,
      from,
      to,
      priorities: SLA_PRIORITIES.map((priority) => {
        const r: SlaReportRow = rows.get(priority) ?? {
          priority,
          cards: 0,
          met: 0,
          breached: 0,
          acked: 0,
          ack50: null,
          ack85: null,
          resolved: 0,
          resolve50: null,
          resolve85: null,
          breaches: 0,
        };
        const settled = r.met + r.breached;
        return {
          priority,
          cards: r.cards,
          met: r.met,
          breached: r.breached,
          metPercent: settled > 0 ? roundPoints((r.met / settled) * 100) : null,
          timeToAck: durations(r.acked, r.ack50, r.ack85),
          timeToResolve: durations(r.resolved, r.resolve50, r.resolve85),
          breaches: r.breaches,
        };
      }),
    };
  }
}
