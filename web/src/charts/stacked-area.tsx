import { ChartLegend, ValueAxes } from './chart-parts';

/** Counts per day stacked as areas (a cumulative flow diagram), in SVG; the legend names each band. */
export interface Band {
  label: string;
  className: string;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 40, right: 8, top: 10, bottom: 30 };

export function StackedArea({
  title,
  bands,
  days,
}: {
  title: string;
  bands: Band[];
  /** Per day, one value per band (bottom band first). */
  days: { label: string; values: number[] }[];
}) {
  if (days.length < 2) return <p className="muted">Not enough days to draw the flow.</p>;
  const totals = days.map((d) => d.values.reduce((a, b) => a + b, 0));
  const top = Math.max(1, ...totals);
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (i / (days.length - 1)) * innerW;
  const y = (value: number) => PAD.top + innerH - (value / top) * innerH;
  const stacked = (i: number, band: number) =>
    days[i]?.values.slice(0, band + 1).reduce((a, b) => a + b, 0) ?? 0;
  const area = (band: number) => {
    const upper = days.map((_, i) => `${x(i).toFixed(1)},${y(stacked(i, band)).toFixed(1)}`);
    const lower = days
      .map((_, i) => `${x(i).toFixed(1)},${y(band === 0 ? 0 : stacked(i, band - 1)).toFixed(1)}`)
      .reverse();
    return [...upper, ...lower].join(' ');
  };
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart-svg" role="img" aria-label={title}>
        {bands.map((band, b) => (
          <polygon key={band.label} points={area(b)} className={band.className} />
        ))}
        <ValueAxes pad={PAD} width={WIDTH} innerH={innerH} top={String(top)} />
        <text x={x(0)} y={HEIGHT - 10} className="axis-label">
          {first?.label}
        </text>
        <text x={x(days.length - 1)} y={HEIGHT - 10} className="axis-label" textAnchor="end">
          {last?.label}
        </text>
      </svg>
      <ChartLegend items={bands} />
    </figure>
  );
}
