import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { NotFoundError } from '../common/errors/app-error';
import { isUuid } from '../common/graphql/id.pipe';
import { requestContext } from '../common/logging/request-context';
import { bearerToken } from './api-token';
import { ApiTokensService } from './api-tokens.service';
import { ACCESS_POLICY, AccessPolicy, PUBLIC_ROUTE, RefKind } from './authorize.decorator';
import { ForbiddenError, RateLimitedError, UnauthenticatedError } from './auth.errors';
import { RateLimiter } from './rate-limiter';
import { AppConfig } from '../config/app-config';
import { Caller } from './caller';
import { TeamOfRepository } from './team-of.repository';

const ENTITY_NAMES: Record<RefKind, string> = {
  team: 'Team',
  teamKey: 'Team',
  task: 'Task',
  taskKey: 'Task',
  board: 'Board',
  column: 'Column',
  sprint: 'Sprint',
  member: 'Member',
  alert: 'Alert',
  integration: 'Alert integration',
  delivery: 'Webhook delivery',
  apiToken: 'API token',
};

interface AuthState {
  caller?: Caller | null;
}
const STATE = Symbol('loopboard.auth');

/**
 * Authentication and object-level authorization for every GraphQL operation and REST route.
 * Each operation declares an @Authorize policy; one without is refused (fail closed). Objects
 * of teams the caller cannot see answer NOT_FOUND, exactly like missing ones.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly failures: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokensService,
    private readonly teamOf: TeamOfRepository,
    config: AppConfig,
  ) {
    this.failures = new RateLimiter(config.limits.apiAuthFailuresPerMinute, 60_000);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const isGraphql = context.getType<string>() === 'graphql';
    const gql = isGraphql ? GqlExecutionContext.create(context) : null;
    const req: Request = gql
      ? gql.getContext<{ req: Request }>().req
      : context.switchToHttp().getRequest<Request>();
    const state = ((req as unknown as Record<symbol, AuthState>)[STATE] ??= {});
    // A WebSocket connection authenticated when it opened (and is re-checked while it lives).
    const connected = gql?.getContext<{ caller?: Caller }>().caller;
    if (connected) state.caller = connected;

    if (state.caller === undefined) {
      const token = bearerToken(req.headers.authorization);
      const address = req.ip ?? 'unknown';
      // An address that keeps presenting unknown tokens is refused for the window without a
      // database lookup per attempt (random tokens would otherwise each get a fresh budget).
      const blocked = token ? this.failures.blocked(address) : 0;
      if (blocked > 0) {
        throw new RateLimitedError(
          blocked,
          `${this.failures.limit} requests with an unknown API token per minute per address`,
        );
      }
      state.caller = token ? await this.tokens.authenticate(token) : null;
      if (token && !state.caller) this.failures.hit(address);
      const ctx = requestContext.current();
      if (ctx && state.caller) {
        ctx.caller = state.caller;
        ctx.actor = state.caller.name;
      }
    }
    const caller = state.caller;
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
