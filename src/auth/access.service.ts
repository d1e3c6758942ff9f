import { Injectable } from '@nestjs/common';
import { requestContext } from '../common/logging/request-context';
import type { TeamRole } from '../generated/prisma/enums';
import { UnauthenticatedError } from './auth.errors';
import { Caller } from './caller';

/** The caller of the current request, for services that filter by what the caller may see. */
@Injectable()
export class AccessService {
  caller(): Caller {
    const caller = requestContext.current()?.caller;
    // Only the auth guard sets it, always to a Caller.
    if (!(caller instanceof Caller)) throw new UnauthenticatedError();
    return caller;
  }

  /** Team ids visible to the caller; null = all (instance admin). */
  visibleTeams(): string[] | null {
    return this.caller().teamIds;
  }

  can(teamId: string, role: TeamRole): boolean {
    return this.caller().can(teamId, role);
  }
}
