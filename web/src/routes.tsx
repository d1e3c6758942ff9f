/** The app's routes: the team list, the team pages (team-pages.ts) in their layout, not found. */
import { Redirect, Route, Switch } from 'wouter';
import { TeamsPage } from './pages/teams/teams-page';
import { TeamLayout } from './shell/team-layout';
import { teamPages } from './team-pages';

export function AppRoutes() {
  return (
    <Switch>
      <Route path="/" component={TeamsPage} />
      <Route path="/teams/:teamKey" nest>
        {(params: { teamKey: string }) => (
          <TeamLayout teamKey={params.teamKey}>
            <Switch>
              {teamPages.map((page) => (
                <Route key={page.segment} path={page.path} component={page.page} />
              ))}
              <Route>
                <Redirect to="/board" replace />
              </Route>
            </Switch>
          </TeamLayout>
        )}
      </Route>
      <Route>
        <main className="page-message">
          <h1>Page not found</h1>
          <p>
            <a href="/">Back to your teams</a>
          </p>
        </main>
      </Route>
    </Switch>
  );
}
