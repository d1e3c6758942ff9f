import type { SprintDetailFragment, SprintReportFiguresFragment } from '../../gql/graphql';
import { day, percent, points } from '../../format';

type Report = SprintReportFiguresFragment;

/** One bar of the gauge: `fill` of `of`, what goes past it drawn as over, markers at `marks`. */
function GaugeBar({
  label,
  fill,
  of,
  fillClass,
  restClass,
  marks,
}: {
  label: string;
  fill: number;
  of: number;
  fillClass: string;
  restClass: string;
  marks: number[];
}) {
  const total = Math.max(of, fill, 1);
  const scale = (value: number) => (Math.max(0, value) / total) * 100;
  return (
    <svg
      viewBox="0 0 100 12"
      preserveAspectRatio="none"
      className="gauge-bar"
      role="img"
      aria-label={label}
    >
      <rect x="0" y="2" width={scale(of)} height="8" className={restClass} />
      <rect x="0" y="2" width={scale(Math.min(fill, of))} height="8" className={fillClass} />
      {fill > of && (
        <rect x={scale(of)} y="2" width={scale(fill - of)} height="8" className="gauge-over" />
      )}
      {marks.map((mark) => (
        <line key={mark} x1={scale(mark)} x2={scale(mark)} y1="0" y2="12" className="gauge-mark" />
      ))}
    </svg>
  );
}

/**
 * The gauge: planned work against the plannable points, and unplanned production work against
 * the reserve (marks at its 80 % and 100 %); what goes past either is drawn as over. In SVG, so
 * sizes are attributes (the CSP allows no inline style).
 */
export function ReserveGauge({ report }: { report: Report }) {
  const overPlanned = report.committedPoints - report.plannablePoints;
  return (
    <figure className="gauge">
      <figcaption className="gauge-caption">
        Planned {points(report.committedPoints)} of {points(report.plannablePoints)} plannable
        {overPlanned > 0 ? ` (${points(overPlanned)} over)` : ''}
      </figcaption>
      <GaugeBar
        label={`Planned ${points(report.committedPoints)} of ${points(report.plannablePoints)} plannable points`}
        fill={report.committedPoints}
        of={report.plannablePoints}
        fillClass="gauge-planned"
        restClass="gauge-plannable"
        marks={[]}
      />
      <figcaption className="gauge-caption">
        Reserve used {points(report.reserveUsedPoints)} of {points(report.reservedPoints)}:{' '}
        {report.reserveOverflowPoints > 0
          ? `${points(report.reserveOverflowPoints)} over`
          : `${points(report.reserveRemainingPoints)} remaining`}
      </figcaption>
      <GaugeBar
        label={reserveSentence(report)}
        fill={report.reserveUsedPoints}
        of={report.reservedPoints}
        fillClass="gauge-used"
        restClass="gauge-reserve"
        marks={
          report.reservedPoints > 0 ? [report.reservedPoints * 0.8, report.reservedPoints] : []
        }
      />
    </figure>
  );
}

export const reserveSentence = (report: Report): string =>
  `Reserve ${percent(report.reserveUsedPercent)} used: ${points(report.reserveUsedPoints)} of ` +
  `${points(report.reservedPoints)} points` +
  (report.reserveOverflowPoints > 0
    ? `, ${points(report.reserveOverflowPoints)} over`
    : `, ${points(report.reserveRemainingPoints)} remaining`);

/** The 80 % and 100 % crossings, each with the card that tipped it. */
export function ReserveCrossings({
  report,
  tasks,
}: {
  report: Report;
  tasks: SprintDetailFragment['tasks'];
}) {
  if (report.reserveEvents.length === 0)
    return <p className="muted">The reserve has not reached 80 % yet.</p>;
  return (
    <ol className="crossings">
      {report.reserveEvents.map((event) => {
        const task = tasks.find((t) => t.id === event.taskId);
        return (
          <li key={`${event.threshold}-${event.at}`} data-threshold={event.threshold}>
            <strong>{event.threshold} %</strong> crossed on {day(event.at)} at{' '}
            {points(event.usedPoints)} of {points(event.reservedPoints)} points
            {task ? (
              <>
                , tipped by <span className="card-key">{task.key}</span> {task.title}
              </>
            ) : event.taskId ? (
              ', by a card no longer in the sprint'
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
