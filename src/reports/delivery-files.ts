import type { DeliveryFigures, DeliveryReport } from './models/delivery-report.model';
import { csvField } from './report-csv';

function row(...values: (string | number | boolean | null)[]): string {
  return values.map(csvField).join(',');
}

const FIGURE_COLUMNS = [
  'deployments',
  'successfulDeployments',
  'deploymentsPerDay',
  'deploymentsPerWeek',
  'deploymentFrequencyBand',
  'leadTimeCount',
  'leadTimeP50Minutes',
  'leadTimeP85Minutes',
  'leadTimeBand',
  'failedChanges',
  'suspectedFailedChanges',
  'changeFailurePercent',
  'changeFailureBand',
  'recoveries',
  'unrecovered',
  'recoveryP50Minutes',
  'recoveryP85Minutes',
  'recoveryBand',
] as const;

function figureValues(f: DeliveryFigures): (string | number | null)[] {
  return [
    f.deployments,
    f.successfulDeployments,
    f.deploymentsPerDay,
    f.deploymentsPerWeek,
    f.deploymentFrequencyBand,
    f.leadTime.count,
    f.leadTime.p50Minutes,
    f.leadTime.p85Minutes,
    f.leadTime.band,
    f.failedChanges,
    f.suspectedFailedChanges,
    f.changeFailurePercent,
    f.changeFailureBand,
    f.recovery.count,
    f.recovery.unrecovered,
    f.recovery.p50Minutes,
    f.recovery.p85Minutes,
    f.recovery.band,
  ];
}

/** The delivery report as CSV sections: the period, its weeks, the sprints, the band table. */
export function deliveryReportCsv(report: DeliveryReport): string {
  const lines: string[] = [];
  lines.push(row('section', 'metric', 'value'));
  const period: [string, string | null][] = [
    ['from', report.from],
    ['to', report.to],
    ['service', report.service],
    ['environment', report.environment],
    ['bandSource', report.bandSource],
  ];
  for (const [metric, value] of period) lines.push(row('period', metric, value));
  const summary = figureValues(report.summary);
  FIGURE_COLUMNS.forEach((metric, i) => lines.push(row('summary', metric, summary[i] ?? null)));
  lines.push('', row('weekStart', 'from', 'to', ...FIGURE_COLUMNS));
  for (const w of report.weeks)
    lines.push(row(w.weekStart, w.from, w.to, ...figureValues(w.figures)));
  lines.push(
    '',
    row(
      'sprint',
      'startDate',
      'endDate',
      'reservedPoints',
      'confirmedCards',
      'confirmedPoints',
      'suspectedCards',
      'suspectedPoints',
      'confirmedReserveShare',
    ),
  );
  for (const s of report.sprints)
    lines.push(
      row(
        s.name,
        s.startDate,
        s.endDate,
        s.reservedPoints,
        s.confirmedCards,
        s.confirmedPoints,
        s.suspectedCards,
        s.suspectedPoints,
        s.confirmedReserveShare,
      ),
    );
  lines.push('', row('key', 'band', 'bound', 'inclusive', 'higherIsBetter', 'unit'));
  for (const b of report.bands)
    lines.push(row(b.key, b.band, b.bound, b.inclusive, b.higherIsBetter, b.unit));
  return `${lines.join('\r\n')}\r\n`;
}

const WIDTH = 720;
const HEIGHT = 400;
const MARGIN = { top: 56, right: 56, bottom: 56, left: 56 };

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string,
  );
}

const r1 = (value: number): string => (Math.round(value * 10) / 10).toString();

/**
 * The weekly trend as a standalone SVG: successful deployments and failed changes per week as
 * bars (left axis), the change failure rate as a line (right axis, percent).
 */
export function deliveryTrendSvg(report: DeliveryReport): string {
  const weeks = report.weeks;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxY = Math.max(1, ...weeks.map((w) => w.figures.deployments));
  const slot = weeks.length > 0 ? plotW / weeks.length : plotW;
  const x = (i: number): number => MARGIN.left + i * slot;
  const y = (v: number): number => MARGIN.top + plotH - (v / maxY) * plotH;
  const yPercent = (p: number): number => MARGIN.top + plotH - (p / 100) * plotH;
  const title = `Delivery: ${report.service ?? 'all services'} to ${report.environment}, ${report.from} – ${report.to}`;
  const s = report.summary;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${MARGIN.left}" y="42" fill="#555">${s.deploymentsPerWeek} deployments/week (${s.deploymentFrequencyBand}) · change failure ${s.changeFailurePercent ?? '–'}% (${s.changeFailureBand ?? '–'}) · recovery p50 ${s.recovery.p50Minutes ?? '–'} min</text>`,
  ];
  const ticks = 5;
  for (let t = 0; t <= ticks; t++) {
    const value = (maxY * t) / ticks;
    parts.push(
      `<line x1="${MARGIN.left}" y1="${r1(y(value))}" x2="${WIDTH - MARGIN.right}" y2="${r1(y(value))}" stroke="#eee"/>`,
      `<text x="${MARGIN.left - 8}" y="${r1(y(value) + 4)}" text-anchor="end" fill="#555">${r1(value)}</text>`,
      `<text x="${WIDTH - MARGIN.right + 8}" y="${r1(yPercent((100 * t) / ticks) + 4)}" fill="#d1242f">${(100 * t) / ticks}%</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${WIDTH - MARGIN.right}" y2="${MARGIN.top + plotH}" stroke="#333"/>`,
  );
  const bar = Math.max(2, slot * 0.35);
  const line: string[] = [];
  weeks.forEach((w, i) => {
    const f = w.figures;
    const left = x(i) + slot * 0.1;
    parts.push(
      `<rect class="deployments" x="${r1(left)}" y="${r1(y(f.successfulDeployments))}" width="${r1(bar)}" height="${r1(MARGIN.top + plotH - y(f.successfulDeployments))}" fill="#1f6feb"><title>${f.successfulDeployments} successful deployments, week of ${w.weekStart}</title></rect>`,
      `<rect class="failed" x="${r1(left + bar)}" y="${r1(y(f.failedChanges))}" width="${r1(bar)}" height="${r1(MARGIN.top + plotH - y(f.failedChanges))}" fill="#d1242f"><title>${f.failedChanges} failed changes, week of ${w.weekStart}</title></rect>`,
      `<text x="${r1(x(i) + slot / 2)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle" fill="#555">${w.weekStart.slice(5)}</text>`,
    );
    if (f.changeFailurePercent !== null)
      line.push(`${r1(x(i) + slot / 2)},${r1(yPercent(Math.min(100, f.changeFailurePercent)))}`);
  });
  if (line.length > 0)
    parts.push(
      `<polyline class="change-failure" points="${line.join(' ')}" fill="none" stroke="#d1242f" stroke-width="2" stroke-dasharray="6 4"/>`,
    );
  const ly = HEIGHT - 14;
  parts.push(
    `<rect x="${MARGIN.left}" y="${ly - 10}" width="12" height="12" fill="#1f6feb"/>`,
    `<text x="${MARGIN.left + 18}" y="${ly}">successful deployments</text>`,
    `<rect x="${MARGIN.left + 170}" y="${ly - 10}" width="12" height="12" fill="#d1242f"/>`,
    `<text x="${MARGIN.left + 188}" y="${ly}">failed changes</text>`,
    `<line x1="${MARGIN.left + 300}" y1="${ly - 4}" x2="${MARGIN.left + 324}" y2="${ly - 4}" stroke="#d1242f" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${MARGIN.left + 330}" y="${ly}">change failure rate</text>`,
    '</svg>',
  );
  return parts.join('\n');
}
