/** The pieces every chart draws the same way: the value axes and the legend. */

export interface Padding {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The y axis (labelled `top` and 0) and the x axis of a plot `width` wide and `innerH` high. */
export function ValueAxes({
  pad,
  width,
  innerH,
  top,
}: {
  pad: Padding;
  width: number;
  innerH: number;
  top: string;
}) {
  return (
    <>
      <line x1={pad.left} x2={pad.left} y1={pad.top} y2={pad.top + innerH} className="axis" />
      <line
        x1={pad.left}
        x2={width - pad.right}
        y1={pad.top + innerH}
        y2={pad.top + innerH}
        className="axis"
      />
      <text x={pad.left - 6} y={pad.top + 4} className="axis-label" textAnchor="end">
        {top}
      </text>
      <text x={pad.left - 6} y={pad.top + innerH} className="axis-label" textAnchor="end">
        0
      </text>
    </>
  );
}

/** A chart's legend: a swatch of each series' colour class and its name. */
export function ChartLegend({ items }: { items: { label: string; className: string }[] }) {
  return (
    <figcaption className="chart-legend">
      {items.map((item) => (
        <span key={item.label}>
          <span className={`swatch ${item.className}`} aria-hidden="true" /> {item.label}
        </span>
      ))}
    </figcaption>
  );
}
