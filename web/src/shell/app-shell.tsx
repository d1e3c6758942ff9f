import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../auth/session';
import { teamPages, teamPath } from '../team-pages';
import { ConnectionBanner } from './connection-banner';

interface Props {
  teamKey?: string;
  teamName?: string;
  children: ReactNode;
}

/** Header (brand, team navigation, sign out), the live-connection banner, and the page. */
export function AppShell({ teamKey, teamName, children }: Props) {
  const { signOut } = useSession();
  const [location] = useLocation();
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/" aria-label="Loopboard: your teams">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Loopboard</span>
        </a>
        {teamKey && (
          <nav className="team-nav" aria-label="Team">
            <span className="team-name" title={teamName}>
              {teamName ?? teamKey}
            </span>
            <ul>
              {teamPages.map((page) => {
                const href = teamPath(teamKey, page.segment);
                const current = location.startsWith(`/${page.segment}`);
                return (
                  <li key={page.segment}>
                    <Link
                      href={`~${href}`}
                      className="nav-link"
                      aria-current={current ? 'page' : undefined}
                    >
                      {page.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
        <button type="button" className="button button-quiet sign-out" onClick={signOut}>
          Sign out
        </button>
      </header>
      <ConnectionBanner />
      {children}
    </div>
  );
}
