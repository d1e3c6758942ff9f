import { linkTimeline, type TimelineDeployment } from './deployment-timeline';
import { bandOf, DORA_BANDS, type DoraBand } from './dora';

/** A deployment as the delivery report reads it. */
export interface MetricsDeployment extends TimelineDeployment {
  /** When the first commit it brought was authored (null: no commit times known). */
  firstCommitAt: Date | null;
}

/** An alert card linked to a deployment. */
export interface MetricsIncident {
  deploymentId: string;
  confirmed: boolean;
  /** When its alert started (the card's creation when no alert tells). */
  startedAt: Date;
  /** When the incident was over (card done or its alerts resolved); null while open. */
  resolvedAt: Date | null;
}

export interface Durations {
  count: number;
  p50Minutes: number | null;
  p85Minutes: number | null;
}

export interface DeliveryFigures {
  /** Production deployments that finished in the period, successful or failed. */
  deployments: number;
  successfulDeployments: number;
  deploymentsPerDay: number;
  deploymentsPerWeek: number;
  deploymentFrequencyBand: DoraBand;
  leadTime: Durations & { band: DoraBand | null };
  failedChanges: number;
  /** Deployments not counted as failed whose only incident links are suspected. */
  suspectedFailedChanges: number;
  /** failedChanges / deployments, in percent; null without deployments. */
  changeFailurePercent: number | null;
  changeFailureBand: DoraBand | null;
  recovery: Durations & { unrecovered: number; band: DoraBand | null };
}

const DAY_MS = 24 * 3600 * 1000;
const round = (value: number): number => Math.round(value * 100) / 100;

/** Linear interpolation between the closest ranks, as PostgreSQL's percentile_cont. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

function durations(minutes: number[]): Durations {
  const sorted = [...minutes].sort((a, b) => a - b);
  const p50 = percentile(sorted, 0.5);
  const p85 = percentile(sorted, 0.85);
  return {
    count: sorted.length,
    p50Minutes: p50 === null ? null : round(p50),
    p85Minutes: p85 === null ? null : round(p85),
  };
}

const minutesBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / 60_000;

/**
 * The four keys over a history of deployments, for the periods asked. What each counts:
 * - deployment frequency: successful deployments finished in the period, per day and per week;
 * - lead time for changes: for each of them, first commit authored → deployment finished;
 * - change failure rate: failed changes / deployments (successful or failed) finished in the
 *   period; a failed change is a failed deployment, one with a confirmed incident, or one that a
 *   later successful rollback undid;
 * - failed-deployment recovery time: from the failure (its first confirmed incident's start, else
 *   the deployment's finish) to the fix (that incident done, or the next successful deployment —
 *   a rollback included — of the same service and environment), whichever comes first.
 */
export class DeliveryMetrics {
  private readonly rolledBack = new Set<string>();
  private readonly incidents = new Map<string, MetricsIncident[]>();
  private readonly successesByStream = new Map<string, MetricsDeployment[]>();
  /** Successful or failed deployments, by finish: a period's are found by binary search. */
  private readonly finished: (MetricsDeployment & { finishedAt: Date })[];

  constructor(history: readonly MetricsDeployment[], incidents: readonly MetricsIncident[]) {
    const byId = new Map(history.map((d) => [d.id, d]));
    for (const [id, links] of linkTimeline(history)) {
      const d = byId.get(id);
      if (links.rollbackOfId && d?.status === 'SUCCESS') this.rolledBack.add(links.rollbackOfId);
    }
    for (const incident of incidents) {
      const list = this.incidents.get(incident.deploymentId);
      if (list) list.push(incident);
      else this.incidents.set(incident.deploymentId, [incident]);
    }
    for (const d of history) {
      if (d.status !== 'SUCCESS' || d.finishedAt === null) continue;
      const key = JSON.stringify([d.service, d.environment]);
      const list = this.successesByStream.get(key);
      if (list) list.push(d);
      else this.successesByStream.set(key, [d]);
    }
    for (const list of this.successesByStream.values())
      list.sort((a, b) => (a.finishedAt as Date).getTime() - (b.finishedAt as Date).getTime());
    this.finished = history
      .filter(
        (d): d is MetricsDeployment & { finishedAt: Date } =>
          (d.status === 'SUCCESS' || d.status === 'FAILURE') && d.finishedAt !== null,
      )
      .sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
  }

  /** Whether the deployment is a failed change (see the class comment). */
  isFailedChange(d: MetricsDeployment): boolean {
    return (
      d.status === 'FAILURE' ||
      this.rolledBack.has(d.id) ||
      (this.incidents.get(d.id) ?? []).some((i) => i.confirmed)
    );
  }

  figures(from: Date, to: Date): DeliveryFigures {
    const days = (to.getTime() - from.getTime()) / DAY_MS;
    const finished = this.finished.slice(
      firstAtOrAfter(this.finished, from),
      firstAtOrAfter(this.finished, to),
    );
    const successful = finished.filter((d) => d.status === 'SUCCESS');
    const perDay = days > 0 ? successful.length / days : 0;
    const lead = successful.flatMap((d) =>
      d.firstCommitAt ? [minutesBetween(d.firstCommitAt, d.finishedAt)] : [],
    );
    const failed = finished.filter((d) => this.isFailedChange(d));
    const suspected = finished.filter(
      (d) => !this.isFailedChange(d) && (this.incidents.get(d.id) ?? []).length > 0,
    );
    const recoveries = failed.map((d) => this.recoveryMinutes(d));
    const recovered = recoveries.filter((m): m is number => m !== null);
    const leadTime = durations(lead);
    const recovery = durations(recovered);
    const cfr = finished.length > 0 ? (failed.length / finished.length) * 100 : null;
    return {
      deployments: finished.length,
      successfulDeployments: successful.length,
      deploymentsPerDay: round(perDay),
      deploymentsPerWeek: round(perDay * 7),
      deploymentFrequencyBand: bandOf(DORA_BANDS.deploymentFrequency, perDay) as DoraBand,
      leadTime: { ...leadTime, band: bandOf(DORA_BANDS.leadTime, leadTime.p50Minutes) },
      failedChanges: failed.length,
      suspectedFailedChanges: suspected.length,
      changeFailurePercent: cfr === null ? null : round(cfr),
      changeFailureBand: bandOf(DORA_BANDS.changeFailureRate, cfr),
      recovery: {
        ...recovery,
        unrecovered: recoveries.length - recovered.length,
        band: bandOf(DORA_BANDS.recoveryTime, recovery.p50Minutes),
      },
    };
  }

  /** Minutes from a failed change's failure to its fix; null while not fixed. */
  private recoveryMinutes(d: MetricsDeployment): number | null {
    const confirmed = (this.incidents.get(d.id) ?? [])
      .filter((i) => i.confirmed)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    const first = confirmed[0];
    const start = first ? first.startedAt : (d.finishedAt as Date);
    const successes = this.successesByStream.get(JSON.stringify([d.service, d.environment])) ?? [];
    let i = firstAfter(successes, start);
    while (i < successes.length && successes[i]?.id === d.id) i++;
    const next = successes[i];
    const ends = [first?.resolvedAt ?? null, next?.finishedAt ?? null].filter(
      (e): e is Date => e !== null && e >= start,
    );
    if (ends.length === 0) return null;
    const end = ends.reduce((a, b) => (a < b ? a : b));
    return minutesBetween(start, end);
  }
}

/** Index of the first deployment (sorted by finish) finished at or after `at`. */
function firstAtOrAfter(sorted: readonly { finishedAt: Date | null }[], at: Date): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.finishedAt as Date) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first deployment (sorted by finish) finished strictly after `at`. */
function firstAfter(sorted: readonly { finishedAt: Date | null }[], at: Date): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.finishedAt as Date) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface WeekBucket {
  /** The Monday the week starts on (YYYY-MM-DD), even when the period starts later. */
  weekStart: string;
  from: Date;
  to: Date;
}

/** The ISO weeks (Monday to Sunday, UTC) the period [from, to) touches, clipped to it. */
export function weeksOf(from: Date, to: Date): WeekBucket[] {
  const weeks: WeekBucket[] = [];
  const monday = new Date(from.getTime() - ((from.getUTCDay() + 6) % 7) * DAY_MS);
  for (let start = monday; start < to; start = new Date(start.getTime() + 7 * DAY_MS)) {
    const end = new Date(start.getTime() + 7 * DAY_MS);
    weeks.push({
      weekStart: start.toISOString().slice(0, 10),
      from: start < from ? from : start,
      to: end > to ? to : end,
    });
  }
  return weeks;
}
