import { useTeam } from '../../shell/team-context';

export function BoardPage() {
  const team = useTeam();
  return (
    <main className="page" id="main">
      <h1 className="page-title">Board</h1>
      <p className="page-message">{team.boards.length} boards.</p>
    </main>
  );
}
