import { useState, type ReactNode } from 'react';
import { useClient, useQuery } from 'urql';
import { useLocation } from 'wouter';
import { teamPages } from '../team-pages';
import { graphql } from '../gql';
import { AppShell } from './app-shell';
import { TeamContext } from './team-context';

const TeamShell = graphql(`
  query TeamShell($key: String!) {
    team(key: $key) {
      id
      key
      name
      boards {
        id
        name
      }
      members {
        id
        name
      }
      activeSprint {
        id
        name
      }
    }
  }
`);

/** Loads the team named in the URL and frames its pages with the navigation. */
export function TeamLayout({ teamKey, children }: { teamKey: string; children: ReactNode }) {
  const client = useClient();
  const [location] = useLocation();
  // Once, on the first render: the page's own reads start alongside the team's.
  useState(() => {
    for (const page of teamPages) page.prefetch?.(client, location);
  });
  const [{ data, fetching, error }] = useQuery({ query: TeamShell, variables: { key: teamKey } });
  return (
    <AppShell teamKey={teamKey} teamName={data?.team.name}>
      {fetching && !data ? (
        <p className="page-message" role="status">
          Loading the team…
        </p>
      ) : error || !data ? (
        <div className="page-message" role="alert">
          <h1>Team {teamKey} is not available</h1>
          <p>It does not exist, or this token may not read it.</p>
        </div>
      ) : (
        <TeamContext.Provider value={data.team}>{children}</TeamContext.Provider>
      )}
    </AppShell>
  );
}
