import { ChartLegend, ValueAxes } from './chart-parts';

/**
 * Grouped bars in SVG (sizes are attributes: the CSP allows no inline style), with the same
 * numbers as a table beside it for reading and for screen readers.
 */
export interface BarSeries {
  label: string;
  /** CSS class giving the bars and the legend swatch their colour. */
  className: string;
}

export interface BarGroup {
  label: string;
  values: number[];
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 40, right: 8, top: 10, bottom: 30 };

export function BarChart({
  title,
  series,
  groups,
  format,
}: {
  title: string;
  series: BarSeries[];
  groups: BarGroup[];
  format: (value: number) => string;
}) {
  if (groups.length === 0) return <p className="muted">Nothing to chart in this period.</p>;
  const top = Math.max(1, ...groups.flatMap((g) => g.values));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / groups.length;
  const bar = Math.min(28, (slot * 0.8) / series.length);
  const y = (value: number) => PAD.top + innerH - (value / top) * innerH;
  const every = Math.ceil(groups.length / 8);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart-svg" role="img" aria-label={title}>
        <ValueAxes pad={PAD} width={WIDTH} innerH={innerH} top={format(top)} />
        {groups.map((group, g) => {
          const left = PAD.left + g * slot + (slot - bar * series.length) / 2;
          return (
            <g key={`${group.label}-${g}`}>
              {group.values.map((value, s) => (
                <rect
                  key={series[s]?.label ?? s}
                  x={left + s * bar}
                  y={y(value)}
                  width={Math.max(1, bar - 2)}
                  height={PAD.top + innerH - y(value)}
                  className={series[s]?.className}
                />
              ))}
              {g % every === 0 && (
                <text
                  x={PAD.left + g * slot + slot / 2}
                  y={HEIGHT - 10}
                  className="axis-label"
                  textAnchor="middle"
                >
                  {group.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ChartLegend items={series} />
    </figure>
  );
}
