import { createContext, useContext } from 'react';
import type { TeamShellQuery } from '../gql/graphql';

/** The team whose pages are shown: id, key, name, boards, members and active sprint. */
export type ShellTeam = TeamShellQuery['team'];

export const TeamContext = createContext<ShellTeam | null>(null);

export function useTeam(): ShellTeam {
  const team = useContext(TeamContext);
  if (!team) throw new Error('useTeam outside a team page');
  return team;
}
