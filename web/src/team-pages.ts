/**
 * The team pages, in navigation order: /teams/<KEY>/<segment>, each in pages/<name>/. The
 * router (routes.tsx) and the navigation (shell/) are drawn from this list.
 */
import type { ComponentType } from 'react';
import type { Client } from 'urql';
import { AlertsPage } from './pages/alerts/alerts-page';
import { BoardPage } from './pages/board/board-page';
import { prefetchBoard } from './pages/board/board-prefetch';
import { NotificationsPage } from './pages/notifications/notifications-page';
import { ReportsPage } from './pages/reports/reports-page';
import { SprintPage } from './pages/sprint/sprint-page';

export interface TeamPage {
  /** Path under /teams/<KEY>; the navigation links to its first segment. */
  path: string;
  segment: string;
  label: string;
  page: ComponentType;
  /** Starts the page's reads while the team is read (`path`: under /teams/<KEY>). */
  prefetch?: (client: Client, path: string) => void;
}

export const teamPages: TeamPage[] = [
  {
    path: '/board/:boardId?',
    segment: 'board',
    label: 'Board',
    page: BoardPage,
    prefetch: prefetchBoard,
  },
  { path: '/sprint', segment: 'sprint', label: 'Sprint', page: SprintPage },
  { path: '/reports', segment: 'reports', label: 'Reports', page: ReportsPage },
  { path: '/alerts', segment: 'alerts', label: 'Alerts', page: AlertsPage },
  {
    path: '/notifications',
    segment: 'notifications',
    label: 'Notifications',
    page: NotificationsPage,
  },
];

export const teamPath = (teamKey: string, segment = 'board'): string =>
  `/teams/${encodeURIComponent(teamKey)}/${segment}`;
