import type { CapacityReportData } from './capacity-report.types';

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula-like text defused. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  // A spreadsheet would run "=…" as a formula: a leading quote makes it text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(...values: (string | number | boolean | null)[]): string {
  return values.map(csvField).join(',');
}

/**
 * The report as CSV sections a spreadsheet opens: summary, members, unplanned work, reserve
 * crossings, burndown.
 */
export function capacityReportCsv(report: CapacityReportData): string {
  const lines: string[] = [];
  lines.push(row('section', 'metric', 'value'));
  const summary: [string, string | number | null][] = [
    ['sprint', report.sprintName],
    ['state', report.state],
    ['startDate', report.startDate],
    ['endDate', report.endDate],
    ['workingDays', report.workingDays],
    ['focusFactor', report.focusFactor],
    ['capacityPoints', report.capacityPoints],
    ['reservedPoints', report.reservedPoints],
    ['reserveMode', report.reserveBasis.mode],
    ['plannablePoints', report.plannablePoints],
    ['committedPoints', report.committedPoints],
    ['scopePoints', report.scopePoints],
    ['addedScopeCount', report.addedScopeCount],
    ['addedScopePoints', report.addedScopePoints],
    ['completedCount', report.completedCount],
    ['completedPoints', report.completedPoints],
    ['unplannedProductionCount', report.unplannedProduction.count],
    ['unplannedProductionPoints', report.unplannedProduction.points],
    ['reserveUsedPoints', report.reserveUsedPoints],
    ['reserveRemainingPoints', report.reserveRemainingPoints],
    ['reserveOverflowPoints', report.reserveOverflowPoints],
    ['reserveUsedPercent', report.reserveUsedPercent],
    ['flags', report.flags.join(' ')],
  ];
  if (report.delivery) {
    const d = report.delivery;
    summary.push(
      ['deployments', d.deployments],
      ['failedChanges', d.failedChanges],
      ['changeFailurePercent', d.changeFailurePercent],
      ['changeFailureConfirmedPoints', d.confirmedPoints],
      ['changeFailureSuspectedPoints', d.suspectedPoints],
      ['changeFailureReserveShare', d.confirmedReserveShare],
    );
  }
  for (const [metric, value] of summary) lines.push(row('summary', metric, value));
  lines.push('', row('member', 'capacityPoints', 'daysOff', 'assignedPoints', 'completedPoints'));
  for (const m of report.members)
    lines.push(row(m.name, m.capacityPoints, m.daysOff, m.assignedPoints, m.completedPoints));
  lines.push('', row('severity', 'count', 'points'));
  for (const s of report.unplannedProduction.bySeverity)
    lines.push(row(s.severity ?? 'manual', s.count, s.points));
  lines.push('', row('source', 'count', 'points'));
  for (const s of report.unplannedProduction.bySource)
    lines.push(row(s.integrationName ?? 'manual', s.count, s.points));
  lines.push('', row('reserveThreshold', 'at', 'taskId', 'usedPoints', 'reservedPoints'));
  for (const e of report.reserveEvents)
    lines.push(row(e.threshold, e.at, e.taskId, e.usedPoints, e.reservedPoints));
  lines.push('', row('date', 'remainingPoints', 'idealPoints', 'unplannedAddedPoints'));
  for (const p of report.burndown)
    lines.push(row(p.date, p.remainingPoints, p.idealPoints, p.unplannedAddedPoints));
  return `${lines.join('\r\n')}\r\n`;
}
