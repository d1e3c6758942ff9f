import { ChartLegend, ValueAxes } from '../../charts/chart-parts';
import type { SprintReportFiguresFragment } from '../../gql/graphql';
import { day, points } from '../../format';

type Point = SprintReportFiguresFragment['burndown'][number];

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };
const LEGEND = [
  { label: 'Ideal', className: 'line-ideal-swatch' },
  { label: 'Remaining', className: 'line-remaining-swatch' },
  { label: 'Unplanned arrivals', className: 'bar-unplanned' },
];

/**
 * The burndown: the ideal line, the points remaining, and unplanned arrivals as bars, across all
 * the sprint's working days (the lines stop at today); a table too.
 */
export function BurndownChart({
  burndown,
  workingDays,
  endDate,
}: {
  burndown: Point[];
  workingDays: number;
  endDate: string;
}) {
  if (burndown.length === 0) return <p className="muted">No working day in this sprint yet.</p>;
  const top = Math.max(1, ...burndown.map((p) => Math.max(p.idealPoints, p.remainingPoints)));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slots = Math.max(workingDays, burndown.length);
  const step = slots > 1 ? innerW / (slots - 1) : 0;
  const x = (i: number) => PAD.left + (slots > 1 ? i * step : innerW / 2);
  const y = (value: number) => PAD.top + innerH - (value / top) * innerH;
  const line = (pick: (p: Point) => number) =>
    burndown.map((p, i) => `${x(i).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(' ');
  const barWidth = Math.max(3, Math.min(18, step * 0.5 || 18));
  const first = burndown[0];
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="chart-svg"
        role="img"
        aria-label={`Burndown from ${points(first?.remainingPoints ?? 0)} points: ideal line, remaining points and unplanned arrivals over ${burndown.length} working days`}
      >
        <ValueAxes pad={PAD} width={WIDTH} innerH={innerH} top={points(top)} />
        {first && (
          <text x={x(0)} y={HEIGHT - 8} className="axis-label">
            {day(first.date)}
          </text>
        )}
        {slots > 1 && (
          <text x={x(slots - 1)} y={HEIGHT - 8} className="axis-label" textAnchor="end">
            {day(endDate)}
          </text>
        )}
        {burndown.map((p, i) =>
          p.unplannedAddedPoints > 0 ? (
            <rect
              key={p.date}
              x={x(i) - barWidth / 2}
              y={y(p.unplannedAddedPoints)}
              width={barWidth}
              height={PAD.top + innerH - y(p.unplannedAddedPoints)}
              className="bar-unplanned"
            />
          ) : null,
        )}
        <polyline points={line((p) => p.idealPoints)} className="line-ideal" />
        <polyline points={line((p) => p.remainingPoints)} className="line-remaining" />
      </svg>
      <ChartLegend items={LEGEND} />
      <details className="chart-table">
        <summary>Burndown as a table</summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Ideal</th>
              <th scope="col">Remaining</th>
              <th scope="col">Unplanned added</th>
            </tr>
          </thead>
          <tbody>
            {burndown.map((p) => (
              <tr key={p.date}>
                <th scope="row">{day(p.date)}</th>
                <td>{points(p.idealPoints)}</td>
                <td>{points(p.remainingPoints)}</td>
                <td>{points(p.unplannedAddedPoints)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
