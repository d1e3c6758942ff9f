import { useTeam } from '../../shell/team-context';

/** The team's reports page (coming: built on this scaffolding). */
export function ReportsPage() {
  const team = useTeam();
  return (
    <main className="page" id="main">
      <h1 className="page-title">Reports</h1>
      <p className="page-message">The reports page of {team.name} is coming.</p>
    </main>
  );
}
