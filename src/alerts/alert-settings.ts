import type { TaskPriority } from '../generated/prisma/enums';
import type { AlertSeverity } from './parsers';

export const SEVERITIES: readonly AlertSeverity[] = [
  'CRITICAL',
  'HIGH',
  'WARNING',
  'LOW',
  'INFO',
  'UNKNOWN',
];

/** critical→URGENT, high/error→HIGH, warning→MEDIUM, low/info→LOW, unknown→MEDIUM. */
export const DEFAULT_ALERT_PRIORITIES: Readonly<Record<AlertSeverity, TaskPriority>> = {
  CRITICAL: 'URGENT',
  HIGH: 'HIGH',
  WARNING: 'MEDIUM',
  LOW: 'LOW',
  INFO: 'LOW',
  UNKNOWN: 'MEDIUM',
};

/** Points an alert card is estimated at (and charged to the sprint reserve) by severity. */
export const DEFAULT_ALERT_ESTIMATES: Readonly<Record<AlertSeverity, number>> = {
  CRITICAL: 3,
  HIGH: 2,
  WARNING: 1,
  LOW: 1,
  INFO: 0.5,
  UNKNOWN: 1,
};

export interface AlertSettings {
  priorities: Record<AlertSeverity, TaskPriority>;
  estimates: Record<AlertSeverity, number>;
}

/** The team's stored overrides (JSON columns) over the defaults. */
export function alertSettingsOf(team: {
  alertPriorities: unknown;
  alertEstimates: unknown;
}): AlertSettings {
  const priorities = { ...DEFAULT_ALERT_PRIORITIES };
  const estimates = { ...DEFAULT_ALERT_ESTIMATES };
  const storedPriorities = (team.alertPriorities ?? {}) as Partial<
    Record<AlertSeverity, TaskPriority>
  >;
  const storedEstimates = (team.alertEstimates ?? {}) as Partial<Record<AlertSeverity, number>>;
  for (const severity of SEVERITIES) {
    const priority = storedPriorities[severity];
    if (priority) priorities[severity] = priority;
    const estimate = storedEstimates[severity];
    if (typeof estimate === 'number') estimates[severity] = estimate;
  }
  return { priorities, estimates };
}
