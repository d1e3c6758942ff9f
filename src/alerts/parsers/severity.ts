import type { AlertSeverity } from './normalized-alert';

// Sources spell severity many ways (Prometheus conventions, Zabbix's "disaster"/"average", syslog
// levels, PagerDuty priorities); one table keeps every parser and the team's severity map agreeing.
const SEVERITY_WORDS: ReadonlyMap<string, AlertSeverity> = new Map(
  (
    [
      ['CRITICAL', ['critical', 'crit', 'page', 'fatal', 'emergency', 'alert', 'p1', 'disaster']],
      ['HIGH', ['high', 'error', 'err', 'major', 'p2']],
      ['WARNING', ['warning', 'warn', 'medium', 'minor', 'average', 'p3']],
      ['LOW', ['low', 'p4']],
      ['INFO', ['info', 'informational', 'notice', 'none', 'ok', 'p5']],
    ] as const
  ).flatMap(([severity, words]) => words.map((word) => [word, severity] as const)),
);

export function normalizeSeverity(value: string | null | undefined): AlertSeverity {
  if (value === null || value === undefined) return 'UNKNOWN';
  return SEVERITY_WORDS.get(value.trim().toLowerCase()) ?? 'UNKNOWN';
}
