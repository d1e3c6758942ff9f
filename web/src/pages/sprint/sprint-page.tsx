import { useQuery } from 'urql';
import { useLocation, useSearch } from 'wouter';
import type { TeamSprintsQuery } from '../../gql/graphql';
import { useTeam } from '../../shell/team-context';
import { BurndownChart } from './burndown-chart';
import { day } from '../../format';
import { MemberLoad } from './member-load';
import { PlanFromBacklog } from './plan-from-backlog';
import { ReserveCrossings, ReserveGauge } from './reserve-gauge';
import { SprintActions } from './sprint-actions';
import { SprintFigures } from './sprint-figures';
import { TeamSprints } from './sprint-queries';
import { useLiveSprint } from './use-sprint';
import './sprint.css';

type TeamSprint = TeamSprintsQuery['sprints'][number];

/** The sprint shown without ?sprint=: the active one, else the next planned, else the newest. */
export function defaultSprint(sprints: TeamSprint[]): TeamSprint | undefined {
  const planned = sprints
    .filter((s) => s.state === 'PLANNED')
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  return sprints.find((s) => s.state === 'ACTIVE') ?? planned[0] ?? sprints[0];
}

/** A sprint of the team: capacity and reserve, burndown, member load, planning, start and close. */
export function SprintPage() {
  const team = useTeam();
  const [, navigate] = useLocation();
  const chosen = new URLSearchParams(useSearch()).get('sprint');
  const [{ data, error }, refetchSprints] = useQuery({
    query: TeamSprints,
    variables: { teamId: team.id },
    requestPolicy: 'cache-and-network',
  });
  const sprints = data?.sprints ?? [];
  const sprint = sprints.find((s) => s.id === chosen) ?? defaultSprint(sprints);
  return (
    <main className="page sprint-page" id="main">
      <div className="sprint-head">
        <h1 className="page-title">{sprint ? sprint.name : 'Sprint'}</h1>
        {sprints.length > 1 && (
          <div className="filter">
            <label htmlFor="sprint-choice">Sprint</label>
            <select
              id="sprint-choice"
              value={sprint?.id ?? ''}
              onChange={(e) => navigate(`/sprint?sprint=${encodeURIComponent(e.target.value)}`)}
            >
              {sprints.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.state.toLowerCase()})
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          The sprints could not be loaded: {error.message}
        </p>
      )}
      {data && !sprint && (
        <p className="page-message">
          {team.name} has no sprint yet: create one with the createSprint mutation.
        </p>
      )}
      {sprint && (
        <OpenSprint
          key={sprint.id}
          sprintId={sprint.id}
          sprints={sprints}
          onStateChanged={() => {
            // Pinned in the URL: once closed, it is no longer the sprint shown by default.
            if (!chosen)
              navigate(`/sprint?sprint=${encodeURIComponent(sprint.id)}`, { replace: true });
            refetchSprints({ requestPolicy: 'network-only' });
          }}
        />
      )}
    </main>
  );
}

function OpenSprint({
  sprintId,
  sprints,
  onStateChanged,
}: {
  sprintId: string;
  sprints: TeamSprint[];
  onStateChanged: () => void;
}) {
  const team = useTeam();
  const { sprint, report, error, setSprint } = useLiveSprint(sprintId);
  if (error)
    return (
      <p className="notice notice-error" role="alert">
        The sprint could not be loaded: {error}
      </p>
    );
  if (!sprint || !report)
    return (
      <p className="page-message" role="status">
        Loading the sprint…
      </p>
    );
  return (
    <>
      <p className="sprint-dates">
        <span className={`badge sprint-state state-${sprint.state.toLowerCase()}`}>
          {sprint.state}
        </span>{' '}
        {day(sprint.startDate)} – {day(sprint.endDate)}
        {sprint.goal && <span className="sprint-goal"> · Goal: {sprint.goal}</span>}
      </p>
      <SprintActions
        sprint={sprint}
        sprints={sprints}
        onChanged={(next) => {
          setSprint(next);
          onStateChanged();
        }}
      />
      <div className="sprint-grid">
        <section className="section-card" aria-labelledby="capacity-title">
          <h2 id="capacity-title">Capacity and reserve</h2>
          <SprintFigures report={report} />
          <ReserveGauge report={report} />
          <h3>Reserve crossings</h3>
          <ReserveCrossings report={report} tasks={sprint.tasks} />
        </section>
        <section className="section-card" aria-labelledby="burndown-title">
          <h2 id="burndown-title">Burndown</h2>
          <BurndownChart
            burndown={report.burndown}
            workingDays={report.workingDays}
            endDate={report.endDate}
          />
        </section>
        <section className="section-card wide" aria-labelledby="members-title">
          <h2 id="members-title">Member load</h2>
          <MemberLoad members={report.members} />
        </section>
        {sprint.state !== 'CLOSED' && (
          <PlanFromBacklog teamId={team.id} sprint={sprint} onPlanned={setSprint} />
        )}
      </div>
    </>
  );
}
