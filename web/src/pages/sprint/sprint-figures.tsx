import type { SprintReportFiguresFragment } from '../../gql/graphql';
import { percent, points } from '../../format';

type Report = SprintReportFiguresFragment;

const FLAG_TEXT: Record<string, string> = {
  OVERCOMMITTED: 'Overcommitted: more planned than plannable',
  RESERVE_AT_RISK: 'Reserve at risk: 80 % used',
  RESERVE_EXHAUSTED: 'Reserve exhausted: 100 % used',
};

/** The report's headline figures, each marked with the report field it shows (data-figure). */
export function SprintFigures({ report }: { report: Report }) {
  const figures: [keyof Report, string, string][] = [
    ['capacityPoints', 'Capacity', points(report.capacityPoints)],
    ['reservedPoints', 'Reserve', points(report.reservedPoints)],
    ['plannablePoints', 'Plannable', points(report.plannablePoints)],
    ['committedPoints', 'Committed', points(report.committedPoints)],
    ['completedPoints', 'Completed', points(report.completedPoints)],
    ['scopePoints', 'Scope now', points(report.scopePoints)],
    ['addedScopePoints', 'Added scope', points(report.addedScopePoints)],
    ['reserveUsedPoints', 'Production work', points(report.reserveUsedPoints)],
    ['reserveUsedPercent', 'Reserve used', percent(report.reserveUsedPercent)],
  ];
  return (
    <>
      {report.flags.length > 0 && (
        <ul className="flags" aria-label="Flags">
          {report.flags.map((flag) => (
            <li key={flag} className={`flag flag-${flag.toLowerCase()}`} data-flag={flag}>
              {FLAG_TEXT[flag] ?? flag}
            </li>
          ))}
        </ul>
      )}
      <dl className="figures">
        {figures.map(([field, label, text]) => (
          <div key={field} className="figure" data-figure={field}>
            <dt>{label}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">
        {report.workingDays} working days, focus factor {report.focusFactor}; completed{' '}
        {report.completedCount} cards; {report.unplannedProduction.count} production{' '}
        {report.unplannedProduction.count === 1 ? 'card' : 'cards'} arrived unplanned
        {report.snapshot ? '; as it stood at close' : ''}.
      </p>
    </>
  );
}
