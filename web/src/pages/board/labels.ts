/** Readable names for the API's enums. */
export const PRIORITIES = ['URGENT', 'HIGH', 'MEDIUM', 'LOW', 'NONE'] as const;
export const TYPES = ['FEATURE', 'BUG', 'CHORE', 'PRODUCTION_CHANGE', 'INCIDENT'] as const;

const WORDS: Record<string, string> = {
  URGENT: 'Urgent',
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
  NONE: 'No priority',
  FEATURE: 'Feature',
  BUG: 'Bug',
  CHORE: 'Chore',
  PRODUCTION_CHANGE: 'Production change',
  INCIDENT: 'Incident',
  TRIAGE: 'Triage',
  BACKLOG: 'Backlog',
  TODO: 'To do',
  IN_PROGRESS: 'In progress',
  REVIEW: 'Review',
  DONE: 'Done',
  FIRING: 'Firing',
  RESOLVED: 'Resolved',
  ALERTMANAGER: 'Alertmanager',
  GRAFANA: 'Grafana',
  KAPACITOR: 'Kapacitor',
  PAGERDUTY: 'PagerDuty',
  GENERIC: 'Webhook',
  MANUAL: 'Manual',
  ALERT: 'Alert',
};

export const label = (value: string): string => WORDS[value] ?? value;

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase();
}

export const points = (estimate: number | null | undefined): string | null =>
  estimate === null || estimate === undefined
    ? null
    : `${estimate} ${estimate === 1 ? 'pt' : 'pts'}`;
