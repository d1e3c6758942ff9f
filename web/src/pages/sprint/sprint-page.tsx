import { useTeam } from '../../shell/team-context';

/** The team's sprint page (coming: built on this scaffolding). */
export function SprintPage() {
  const team = useTeam();
  return (
    <main className="page" id="main">
      <h1 className="page-title">Sprint</h1>
      <p className="page-message">The sprint page of {team.name} is coming.</p>
    </main>
  );
}
