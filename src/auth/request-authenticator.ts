import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { requestContext } from '../common/logging/request-context';
import { AppConfig } from '../config/app-config';
import { bearerToken } from './api-token';
import { AuthenticatedTokens } from './authenticated-tokens';
import { RateLimitedError } from './auth.errors';
import { Caller } from './caller';
import { RateLimiter } from './rate-limiter';

interface AuthState {
  caller?: Caller | null;
}
const STATE = Symbol('loopboard.auth');

/**
 * Who an HTTP request is: the API token of its `Authorization` header, looked up once per
 * request however many resolvers (or the board read cache, before any resolver) ask.
 */
@Injectable()
export class RequestAuthenticator {
  private readonly failures: RateLimiter;

  constructor(
    private readonly tokens: AuthenticatedTokens,
    config: AppConfig,
  ) {
    this.failures = new RateLimiter(config.limits.apiAuthFailuresPerMinute, 60_000);
  }

  /**
   * The request's caller, or null without a valid token. `connected`: a WebSocket connection's
   * caller, authenticated when it opened (and re-checked while it lives).
   */
  async callerOf(req: Request, connected?: Caller): Promise<Caller | null> {
    const state = ((req as unknown as Record<symbol, AuthState>)[STATE] ??= {});
    if (connected) state.caller = connected;
    if (state.caller !== undefined) return state.caller;

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
    return state.caller;
  }
}
