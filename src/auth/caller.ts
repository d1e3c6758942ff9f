import type { TeamRole } from '../generated/prisma/enums';

export const ROLE_RANK: Record<TeamRole, number> = { VIEWER: 1, MEMBER: 2, ADMIN: 3 };

/** The authenticated client of a request: which token, and its role on each team. */
export class Caller {
  constructor(
    readonly tokenId: string,
    readonly name: string,
    readonly instanceAdmin: boolean,
    private readonly roles: ReadonlyMap<string, TeamRole>,
    /** When the token stops working (null: never); open sockets close then. */
    readonly expiresAt: Date | null = null,
  ) {}

  roleOn(teamId: string): TeamRole | null {
    if (this.instanceAdmin) return 'ADMIN';
    return this.roles.get(teamId) ?? null;
  }

  can(teamId: string, role: TeamRole): boolean {
    const actual = this.roleOn(teamId);
    return actual !== null && ROLE_RANK[actual] >= ROLE_RANK[role];
  }

  get grants(): { teamId: string; role: TeamRole }[] {
    return [...this.roles.entries()].map(([teamId, role]) => ({ teamId, role }));
  }

  /** Teams this caller may see; null means every team (instance admin). */
  get teamIds(): string[] | null {
    return this.instanceAdmin ? null : [...this.roles.keys()];
  }
}
