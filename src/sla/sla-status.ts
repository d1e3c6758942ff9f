import type { SlaDueTimes } from './sla-policy';

export const SLA_STATUSES = ['ON_TRACK', 'AT_RISK', 'BREACHED', 'MET'] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];

export interface SlaClockState extends SlaDueTimes {
  startedAt: Date;
  ackedAt: Date | null;
  resolvedAt: Date | null;
}

export interface SlaReading {
  status: SlaStatus;
  /** When the first missed target fell due; null while none is missed. */
  breachedAt: Date | null;
}

/**
 * Where a clock stands at `now` (the database's clock). A target is missed when it was met after
 * its due time, or is still open after it (met exactly at the due instant counts as met). Any
 * missed target: BREACHED. Otherwise resolved: MET. Otherwise AT_RISK once an open target has
 * used 75 % of its time, else ON_TRACK. Kept in step with the database's sla_status().
 */
export function slaReading(clock: SlaClockState, now: Date): SlaReading {
  const missed = (due: Date | null, doneAt: Date | null): boolean =>
    due !== null && (doneAt ?? now).getTime() > due.getTime();
  const misses = [
    missed(clock.ackDueAt, clock.ackedAt) ? clock.ackDueAt : null,
    missed(clock.resolveDueAt, clock.resolvedAt) ? clock.resolveDueAt : null,
  ].filter((d): d is Date => d !== null);
  if (misses.length > 0)
    return {
      status: 'BREACHED',
      breachedAt: new Date(Math.min(...misses.map((d) => d.getTime()))),
    };
  if (clock.resolvedAt !== null) return { status: 'MET', breachedAt: null };
  const risky = (riskAt: Date | null, doneAt: Date | null): boolean =>
    riskAt !== null && doneAt === null && now.getTime() >= riskAt.getTime();
  const atRisk =
    risky(clock.ackRiskAt, clock.ackedAt) || risky(clock.resolveRiskAt, clock.resolvedAt);
  return { status: atRisk ? 'AT_RISK' : 'ON_TRACK', breachedAt: null };
}

/** A clock whose card's priority has no target at all is no clock (Task.sla is null). */
export function hasTargets(clock: SlaDueTimes): boolean {
  return clock.ackDueAt !== null || clock.resolveDueAt !== null;
}
