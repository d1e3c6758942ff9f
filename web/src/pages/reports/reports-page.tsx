import { useState } from 'react';
import { useTeam } from '../../shell/team-context';
import { FlowReport } from './flow-report';
import { NoiseReport } from './noise-report';
import { VelocityReport } from './velocity-report';
import './reports.css';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The last 30 days, today included (UTC, like the API's dates). */
export function defaultPeriod(now = new Date()): { from: string; to: string } {
  const from = new Date(now);
  from.setUTCDate(from.getUTCDate() - 29);
  return { from: isoDay(from), to: isoDay(now) };
}

/** The team's reports: velocity over the last sprints; flow and alert noise over a period. */
export function ReportsPage() {
  const team = useTeam();
  const [period, setPeriod] = useState(defaultPeriod);
  const valid = period.from <= period.to;
  return (
    <main className="page reports-page" id="main">
      <div className="sprint-head">
        <h1 className="page-title">Reports</h1>
        <fieldset className="period">
          <legend className="visually-hidden">Period of the flow and noise reports</legend>
          <div className="filter">
            <label htmlFor="period-from">From</label>
            <input
              id="period-from"
              type="date"
              value={period.from}
              max={period.to}
              onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })}
            />
          </div>
          <div className="filter">
            <label htmlFor="period-to">To</label>
            <input
              id="period-to"
              type="date"
              value={period.to}
              min={period.from}
              onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })}
            />
          </div>
        </fieldset>
      </div>
      {!valid && (
        <p className="notice notice-error" role="alert">
          The period must start on or before its last day.
        </p>
      )}
      <div className="reports-grid">
        <VelocityReport teamId={team.id} />
        {valid && <FlowReport teamId={team.id} from={period.from} to={period.to} />}
        {valid && <NoiseReport teamId={team.id} from={period.from} to={period.to} />}
      </div>
    </main>
  );
}
