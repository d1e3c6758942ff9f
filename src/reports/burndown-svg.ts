import type { CapacityReportData } from './capacity-report.types';

const WIDTH = 720;
const HEIGHT = 400;
const MARGIN = { top: 48, right: 24, bottom: 56, left: 56 };

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string,
  );
}

function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/**
 * A standalone SVG burndown: the ideal line over all working days, the actual remaining points
 * per elapsed day, and unplanned work marked where it arrived.
 */
export function burndownSvg(report: CapacityReportData, allDays: string[]): string {
  const days = allDays.length > 0 ? allDays : report.burndown.map((p) => p.date);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxY = Math.max(
    1,
    report.committedPoints,
    ...report.burndown.map((p) => p.remainingPoints),
  );
  const x = (i: number): number =>
    MARGIN.left + (days.length > 1 ? (i * plotW) / (days.length - 1) : plotW / 2);
  const y = (v: number): number => MARGIN.top + plotH - (v / maxY) * plotH;
  const index = new Map(days.map((d, i) => [d, i]));

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>Burndown: ${escapeXml(report.sprintName)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="16" font-weight="bold">${escapeXml(report.sprintName)} — burndown</text>`,
    `<text x="${MARGIN.left}" y="40" fill="#555">Committed ${round(report.committedPoints)} pts · reserve ${round(report.reservedPoints)} pts · unplanned production ${round(report.unplannedProduction.points)} pts</text>`,
  );
  // Axes and horizontal grid.
  const ticks = 5;
  for (let t = 0; t <= ticks; t++) {
    const value = (maxY * t) / ticks;
    parts.push(
      `<line x1="${MARGIN.left}" y1="${round(y(value))}" x2="${WIDTH - MARGIN.right}" y2="${round(y(value))}" stroke="#eee"/>`,
      `<text x="${MARGIN.left - 8}" y="${round(y(value) + 4)}" text-anchor="end" fill="#555">${round(value)}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${WIDTH - MARGIN.right}" y2="${MARGIN.top + plotH}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="#333"/>`,
  );
  const labelEvery = Math.max(1, Math.ceil(days.length / 10));
  days.forEach((day, i) => {
    if (i % labelEvery === 0 || i === days.length - 1) {
      parts.push(
        `<text x="${round(x(i))}" y="${MARGIN.top + plotH + 18}" text-anchor="middle" fill="#555">${day.slice(5)}</text>`,
      );
    }
  });
  // Ideal line: what should be left at the end of each working day (the report's idealPoints,
  // like the actual line), reaching zero at the end of the last one.
  if (days.length > 0) {
    const ideal = days.map(
      (_, i) =>
        `${round(x(i))},${round(y((report.committedPoints * (days.length - 1 - i)) / days.length))}`,
    );
    parts.push(
      `<polyline class="ideal" points="${ideal.join(' ')}" fill="none" stroke="#999" stroke-width="2" stroke-dasharray="6 4"/>`,
    );
  }
  // Actual remaining points per elapsed day.
  const actual = report.burndown
    .filter((p) => index.has(p.date))
    .map((p) => `${round(x(index.get(p.date) as number))},${round(y(p.remainingPoints))}`);
  if (actual.length > 0) {
    parts.push(
      `<polyline class="actual" points="${actual.join(' ')}" fill="none" stroke="#1f6feb" stroke-width="2.5"/>`,
    );
  }
  // Unplanned work arriving: a marker and its points above the actual line.
  for (const point of report.burndown) {
    const i = index.get(point.date);
    if (i === undefined || point.unplannedAddedPoints <= 0) continue;
    parts.push(
      `<circle class="unplanned" cx="${round(x(i))}" cy="${round(y(point.remainingPoints))}" r="5" fill="#d1242f"><title>+${round(point.unplannedAddedPoints)} unplanned pts on ${point.date}</title></circle>`,
      `<text x="${round(x(i))}" y="${round(y(point.remainingPoints) - 9)}" text-anchor="middle" fill="#d1242f">+${round(point.unplannedAddedPoints)}</text>`,
    );
  }
  // Legend.
  const ly = HEIGHT - 14;
  parts.push(
    `<line x1="${MARGIN.left}" y1="${ly - 4}" x2="${MARGIN.left + 24}" y2="${ly - 4}" stroke="#999" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${MARGIN.left + 30}" y="${ly}">ideal</text>`,
    `<line x1="${MARGIN.left + 80}" y1="${ly - 4}" x2="${MARGIN.left + 104}" y2="${ly - 4}" stroke="#1f6feb" stroke-width="2.5"/>`,
    `<text x="${MARGIN.left + 110}" y="${ly}">remaining</text>`,
    `<circle cx="${MARGIN.left + 190}" cy="${ly - 4}" r="5" fill="#d1242f"/>`,
    `<text x="${MARGIN.left + 200}" y="${ly}">unplanned work added</text>`,
    '</svg>',
  );
  return parts.join('\n');
}
