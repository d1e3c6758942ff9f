import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { NotFoundError } from '../common/errors/app-error';
import { isUuid } from '../common/graphql/id.pipe';
import { requestContext } from '../common/logging/request-context';
import { ACCESS_POLICY, AccessPolicy, PUBLIC_ROUTE, RefKind } from './authorize.decorator';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import { Caller } from './caller';
import { RequestAuthenticator } from './request-authenticator';
import { TeamOfRepository } from './team-of.repository';

const ENTITY_NAMES: Record<RefKind, string> = {
  team: 'Team',
  teamKey: 'Team',
  task: 'Task',
  taskKey: 'Task',
  board: 'Board',
  column: 'Column',
  sprint: 'Sprint',
  replanProposal: 'Replan proposal',
  member: 'Member',
  alert: 'Alert',
  integration: 'Alert integration',
  delivery: 'Webhook delivery',
  deployment: 'Deployment',
  apiToken: 'API token',
  notificationChannel: 'Notification channel',
  notification: 'Notification',
};

/**
 * Authentication and object-level authorization for every GraphQL operation and REST route.
 * Each operation declares an @Authorize policy; one without is refused (fail closed). Objects
 * of teams the caller cannot see answer NOT_FOUND, exactly like missing ones.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
    private readonly teamOf: TeamOfRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const isGraphql = context.getType<string>() === 'graphql';
    const gql = isGraphql ? GqlExecutionContext.create(context) : null;
    const req: Request = gql
      ? gql.getContext<{ req: Request }>().req
      : context.switchToHttp().getRequest<Request>();
    // A WebSocket connection authenticated when it opened (and is re-checked while it lives).
    const connected = gql?.getContext<{ caller?: Caller }>().caller;
    const caller = await this.authenticator.callerOf(req, connected);
    if (!caller) throw new UnauthenticatedError();

    const policy = this.reflector.get<AccessPolicy | undefined>(
      ACCESS_POLICY,
      context.getHandler(),
    );
    if (!policy) throw new ForbiddenError('This operation has no access policy and is refused');
    const args: unknown = gql
      ? gql.getArgs()
      : { ...req.params, ...(req.query as Record<string, unknown>) };
    const teams = await this.authorize(caller, policy, args);
    const ctx = requestContext.current();
    if (ctx) {
      ctx.authorizedTeams = teams;
      if (teams.length === 1 && !ctx.team) ctx.team = teams[0];
    }
    return true;
  }

  /** Checks the policy; returns the teams the operation touches. */
  private async authorize(caller: Caller, policy: AccessPolicy, args: unknown): Promise<string[]> {
    if (policy.role === 'INSTANCE_ADMIN' && !caller.instanceAdmin) {
      throw new ForbiddenError('Only the instance admin may do this');
    }
    const teams: string[] = [];
    let malformed = false;
    for (const reference of policy.refs(args)) {
      if (reference.id === null || reference.id === undefined || reference.id === '') continue;
      const name = ENTITY_NAMES[reference.kind];
      if (reference.kind !== 'teamKey' && reference.kind !== 'taskKey' && !isUuid(reference.id)) {
        // It can name no object, so there is nothing to authorize: argument validation, which
        // runs next, rejects it as BAD_USER_INPUT naming the argument.
        malformed = true;
        continue;
      }
      const teamId = await this.teamOf.teamOf(reference.kind, reference.id);
      if (teamId === undefined) throw new NotFoundError(name, reference.id);
      if (teamId === null) {
        if (!caller.instanceAdmin) throw new NotFoundError(name, reference.id);
        continue;
      }
      if (!caller.can(teamId, 'VIEWER')) throw new NotFoundError(name, reference.id);
      if (
        policy.role !== 'AUTHENTICATED' &&
        policy.role !== 'INSTANCE_ADMIN' &&
        !caller.can(teamId, policy.role)
      ) {
        throw new ForbiddenError(
          `This needs the ${policy.role} role on the team; the token has ${caller.roleOn(teamId) ?? 'none'}`,
        );
      }
      if (!teams.includes(teamId)) teams.push(teamId);
    }
    // A team-role operation that names no team is only for the instance admin (never fail open).
    if (
      teams.length === 0 &&
      !malformed &&
      policy.role !== 'AUTHENTICATED' &&
      !caller.instanceAdmin
    ) {
      throw new ForbiddenError(
        'This needs an object of a team you can access, or the instance admin',
      );
    }
    return teams;
  }
}
