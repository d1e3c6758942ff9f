import { useQuery } from 'urql';
import { Link, Redirect } from 'wouter';
import { graphql } from '../../gql';
import { teamPath } from '../../team-pages';
import { AppShell } from '../../shell/app-shell';

const Teams = graphql(`
  query Teams {
    teams {
      id
      key
      name
    }
  }
`);

/** The teams this token may read; with only one, straight to its board. */
export function TeamsPage() {
  const [{ data, fetching, error }] = useQuery({ query: Teams });
  if (data?.teams.length === 1 && data.teams[0])
    return <Redirect to={teamPath(data.teams[0].key)} replace />;
  return (
    <AppShell>
      <main className="page narrow" id="main">
        <h1 className="page-title">Your teams</h1>
        {fetching && !data && <p role="status">Loading…</p>}
        {error && <p role="alert">The teams could not be loaded: {error.message}</p>}
        {data?.teams.length === 0 && (
          <p>No team yet. Create one with the createTeam mutation (see the README).</p>
        )}
        <ul className="team-list">
          {data?.teams.map((team) => (
            <li key={team.id}>
              <Link href={teamPath(team.key)} className="team-link">
                <span className="team-key">{team.key}</span> {team.name}
              </Link>
            </li>
          ))}
        </ul>
      </main>
    </AppShell>
  );
}
