import { useTeam } from '../../shell/team-context';

/** The team's alerts page (coming: built on this scaffolding). */
export function AlertsPage() {
  const team = useTeam();
  return (
    <main className="page" id="main">
      <h1 className="page-title">Alerts</h1>
      <p className="page-message">The alerts page of {team.name} is coming.</p>
    </main>
  );
}
