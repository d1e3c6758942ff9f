import { useEffect, useRef, type ReactNode } from 'react';
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
  const nav = useRef<HTMLElement>(null);
  // On a narrow screen the links scroll sideways: keep the current page's in view (sideways
  // only: the page itself never scrolls for it).
  useEffect(() => {
    const bar = nav.current;
    const link = bar?.querySelector('[aria-current="page"]');
    if (!bar || !link) return;
    const outer = bar.getBoundingClientRect();
    const inner = link.getBoundingClientRect();
    if (inner.right > outer.right) bar.scrollLeft += inner.right - outer.right;
    else if (inner.left < outer.left) bar.scrollLeft -= outer.left - inner.left;
  }, [location]);
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/" aria-label="Loopboard: your teams">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Loopboard</span>
        </a>
        {teamKey && (
          <nav className="team-nav" aria-label="Team" ref={nav}>
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
