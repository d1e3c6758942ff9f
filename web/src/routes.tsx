/**
 * The app's routes, in one place. Team pages live under /teams/<KEY>/, each in
 * pages/<name>/; the navigation is drawn from `teamPages`, in this order.
 */
import type { ComponentType } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { AlertsPage } from './pages/alerts/alerts-page';
import { BoardPage } from './pages/board/board-page';
import { ReportsPage } from './pages/reports/reports-page';
import { SprintPage } from './pages/sprint/sprint-page';
import { TeamsPage } from './pages/teams/teams-page';
import { TeamLayout } from './shell/team-layout';

export interface TeamPage {
  /** Path under /teams/<KEY>; the navigation links to its first segment. */
  path: string;
  segment: string;
  label: string;
  page: ComponentType;
}

export const teamPages: TeamPage[] = [
  { path: '/board/:boardId?', segment: 'board', label: 'Board', page: BoardPage },
  { path: '/sprint', segment: 'sprint', label: 'Sprint', page: SprintPage },
  { path: '/reports', segment: 'reports', label: 'Reports', page: ReportsPage },
  { path: '/alerts', segment: 'alerts', label: 'Alerts', page: AlertsPage },
];

export const teamPath = (teamKey: string, segment = 'board'): string =>
  `/teams/${encodeURIComponent(teamKey)}/${segment}`;

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
